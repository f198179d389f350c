package dev.neurona.tuning;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The objective of every trial (dots, pruned and failed ones in grey) and the best so far (a step line), by trial
 * number: whether the search is still finding better values or has settled.
 */
final class TuningChart {

    private TuningChart() {}

    static byte[] png(TuningView run, int width, int height) {
        XYSeries finished = new XYSeries("trial", false, true);
        XYSeries stopped = new XYSeries("pruned or failed", false, true);
        XYSeries best = new XYSeries("best so far", false, true);
        boolean max = "max".equals(run.objective().get("direction"));
        Double bestSoFar = null;
        for (TuningView.TrialView t : run.leaderboard().stream()
                .sorted(java.util.Comparator.comparingInt(TuningView.TrialView::trial))
                .toList()) {
            if (t.objective() == null) {
                continue;
            }
            if (t.status().equals("DONE")) {
                finished.add(t.trial(), t.objective());
                if (bestSoFar == null || (max ? t.objective() > bestSoFar : t.objective() < bestSoFar)) {
                    bestSoFar = t.objective();
                }
            } else {
                stopped.add(t.trial(), t.objective());
            }
            if (bestSoFar != null) {
                best.add(t.trial(), bestSoFar);
            }
        }
        XYSeriesCollection points = new XYSeriesCollection();
        points.addSeries(finished);
        points.addSeries(stopped);
        NumberAxis x = new NumberAxis("trial");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        NumberAxis y = new NumberAxis(run.objective().get("metric"));
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer dots = new XYLineAndShapeRenderer(false, true);
        dots.setSeriesPaint(0, new Color(0x1f77b4));
        dots.setSeriesPaint(1, new Color(0xaaaaaa));
        dots.setSeriesShape(0, new Ellipse2D.Double(-4, -4, 8, 8));
        dots.setSeriesShape(1, new Ellipse2D.Double(-4, -4, 8, 8));
        XYPlot plot = new XYPlot(points, x, y, dots);
        XYStepRenderer step = new XYStepRenderer();
        step.setSeriesPaint(0, new Color(0xff7f0e));
        step.setSeriesStroke(0, new BasicStroke(2f));
        plot.setDataset(1, new XYSeriesCollection(best));
        plot.setRenderer(1, step);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(
                run.strategy() + " search: " + run.objective().get("metric") + " ("
                        + run.objective().get("direction") + ") per trial",
                new Font(Font.SANS_SERIF, Font.BOLD, 15),
                plot,
                true);
        chart.setBackgroundPaint(Color.WHITE);
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
