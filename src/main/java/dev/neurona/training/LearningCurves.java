package dev.neurona.training;

import dev.neurona.model.Finding;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a finished training history the way a teacher reads the loss curves, and says what it sees in plain
 * language with the number behind it. The thresholds are deliberately coarse: a finding should be obvious on the
 * curve once pointed out, not a statistical test.
 */
public final class LearningCurves {

    /** Epochs after the best validation loss that must have passed before calling it overfitting. */
    static final int OVERFIT_EPOCHS = 3;
    /** How far above its minimum the validation loss must end, relative to that minimum. */
    static final double OVERFIT_RISE = 0.10;
    /** A training loss that fell by less than this fraction of its first value has barely learnt. */
    static final double UNDERFIT_DROP = 0.10;
    /** Share of epoch-to-epoch steps in which the training loss rose that suggests a too-large learning rate. */
    static final double OSCILLATION_SHARE = 0.4;

    private LearningCurves() {}

    public static List<Finding> diagnose(List<EpochRecord> history) {
        List<Finding> findings = new ArrayList<>();
        if (history.size() < 2) {
            return findings;
        }
        EpochRecord first = history.get(0);
        EpochRecord last = history.get(history.size() - 1);
        int best = bestValidationEpoch(history);
        if (best >= 0) {
            EpochRecord atBest = history.get(best);
            int after = history.size() - 1 - best;
            if (after >= OVERFIT_EPOCHS
                    && last.valLoss() > atBest.valLoss() * (1 + OVERFIT_RISE)
                    && last.loss() < atBest.loss()) {
                findings.add(new Finding(
                        "overfitting",
                        String.format(
                                Locale.ROOT,
                                "overfitting: the validation "
                                        + "loss was lowest at epoch %d (%.4f) and rose to %.4f by epoch %d while the training loss "
                                        + "kept falling (%.4f → %.4f); stop earlier (earlyStopping), add dropout or L2, or get more "
                                        + "data",
                                atBest.epoch(),
                                atBest.valLoss(),
                                last.valLoss(),
                                last.epoch(),
                                atBest.loss(),
                                last.loss()),
                        atBest.epoch(),
                        last.valLoss() / atBest.valLoss() - 1));
            }
        }
        int rises = 0;
        double lowest = first.loss();
        for (int i = 1; i < history.size(); i++) {
            rises += history.get(i).loss() > history.get(i - 1).loss() ? 1 : 0;
            lowest = Math.min(lowest, history.get(i).loss());
        }
        double riseShare = (double) rises / (history.size() - 1);
        if (last.loss() > 10 * lowest && last.loss() > first.loss()) {
            findings.add(new Finding(
                    "diverging",
                    String.format(
                            Locale.ROOT,
                            "diverging: the training loss ended at "
                                    + "%.4g, %.0f times its lowest (%.4g); lower the learning rate",
                            last.loss(),
                            last.loss() / lowest,
                            lowest),
                    last.epoch(),
                    last.loss()));
        } else if (history.size() >= 4 && (riseShare >= OSCILLATION_SHARE || last.loss() > first.loss())) {
            findings.add(new Finding(
                    "learning_rate_too_high",
                    String.format(
                            Locale.ROOT,
                            "the learning rate looks "
                                    + "too high: the training loss rose in %d of %d epochs (%.4f → %.4f overall); try a smaller one "
                                    + "or a decaying schedule",
                            rises,
                            history.size() - 1,
                            first.loss(),
                            last.loss()),
                    null,
                    riseShare));
        } else if (history.size() >= 3
                && first.loss() > 0
                && (first.loss() - last.loss()) / first.loss() < UNDERFIT_DROP) {
            findings.add(new Finding(
                    "underfitting",
                    String.format(
                            Locale.ROOT,
                            "underfitting: the training loss "
                                    + "barely fell (%.4f → %.4f, %.1f %%); the model may be too small, the learning rate too low, "
                                    + "or it needs more epochs",
                            first.loss(),
                            last.loss(),
                            100 * (first.loss() - last.loss()) / first.loss()),
                    null,
                    (first.loss() - last.loss()) / first.loss()));
        }
        return findings;
    }

    private static int bestValidationEpoch(List<EpochRecord> history) {
        int best = -1;
        for (int i = 0; i < history.size(); i++) {
            Double v = history.get(i).valLoss();
            if (v != null
                    && Double.isFinite(v)
                    && (best < 0 || v < history.get(best).valLoss())) {
                best = i;
            }
        }
        return best;
    }
}
