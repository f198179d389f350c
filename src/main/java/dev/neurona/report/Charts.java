package dev.neurona.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.geom.Ellipse2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CombinedDomainXYPlot;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * PNG charts drawn with JFreeChart, off screen: training curves (one panel per metric, epochs shared) and a
 * confusion-matrix heat map. Spring Boot runs with {@code java.awt.headless=true}, which is all AWT needs here.
 */
final class Charts {

    private static final Color TRAIN = new Color(0x1f77b4);
    private static final Color VALIDATION = new Color(0xff7f0e);
    private static final Color DARKEST = new Color(0x08306b);
    private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);

    /** A curve over epochs; null values (a metric an epoch did not record) leave a gap. */
    record Series(String name, List<Double> values) {}

    /** One panel: its y-axis label and the curves drawn in it (training first, then validation). */
    record Panel(String label, List<Series> series) {}

    private Charts() {}

    static byte[] curves(String title, List<Panel> panels, int width, int height) {
        NumberAxis epochs = new NumberAxis("epoch");
        epochs.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        epochs.setAutoRangeIncludesZero(false);
        CombinedDomainXYPlot plot = new CombinedDomainXYPlot(epochs);
        plot.setGap(12);
        XYPlot widest = null;
        for (Panel panel : panels) {
            XYSeriesCollection data = new XYSeriesCollection();
            int points = 0;
            for (Series s : panel.series()) {
                XYSeries series = new XYSeries(s.name(), false, true);
                for (int i = 0; i < s.values().size(); i++) {
                    // a null value breaks the line instead of joining across the missing epoch
                    series.add(i + 1, s.values().get(i));
                }
                points = Math.max(points, s.values().size());
                data.addSeries(series);
            }
            NumberAxis values = new NumberAxis(panel.label());
            values.setAutoRangeIncludesZero(false);
            XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, points <= 40);
            for (int i = 0; i < panel.series().size(); i++) {
                renderer.setSeriesPaint(i, i == 0 ? TRAIN : VALIDATION);
                renderer.setSeriesStroke(i, new BasicStroke(2f));
                renderer.setSeriesShape(i, new Ellipse2D.Double(-3, -3, 6, 6));
            }
            XYPlot sub = new XYPlot(data, null, values, renderer);
            style(sub);
            plot.add(sub, 1);
            if (widest == null || panel.series().size() > widest.getDataset().getSeriesCount()) {
                widest = sub;
            }
        }
        // every panel has the same training and validation colours: one legend entry each, not one per panel
        plot.setFixedLegendItems(widest.getLegendItems());
        JFreeChart chart = new JFreeChart(title, TITLE, plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setFrame(BlockBorder.NONE);
        return png(chart, width, height);
    }

    /**
     * Rows = true class (first class on top), columns = predicted, each cell coloured by its share of the true
     * class's rows, so a rare class's mistakes show as plainly as a common one's, and labelled with its count.
     */
    static byte[] confusion(String title, String subtitle, List<String> classes, List<List<Integer>> counts) {
        int k = classes.size();
        // about 640 px of cells, at least 12 px each, but never a picture much beyond 2,400 px (Quick, Draw! has 345)
        int cell = Math.max(12, Math.min(72, 640 / k));
        if (k * cell > 2400) {
            cell = Math.max(2, 2400 / k);
        }
        double[][] xyz = new double[3][k * k];
        for (int t = 0; t < k; t++) {
            int rowTotal = counts.get(t).stream().mapToInt(Integer::intValue).sum();
            for (int p = 0; p < k; p++) {
                int i = t * k + p;
                xyz[0][i] = p;
                xyz[1][i] = t;
                xyz[2][i] = rowTotal == 0 ? 0 : (double) counts.get(t).get(p) / rowTotal;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("share", xyz);
        String[] names = classes.toArray(String[]::new);
        int longest = classes.stream().mapToInt(String::length).max().orElse(1);
        Font ticks = new Font(Font.SANS_SERIF, Font.PLAIN, cell >= 24 ? 12 : 9);
        SymbolAxis predicted = new SymbolAxis("predicted class", names);
        // turned upright only when the names would run into each other
        predicted.setVerticalTickLabels(longest * ticks.getSize() * 0.6 > cell);
        predicted.setGridBandsVisible(false);
        predicted.setTickLabelFont(ticks);
        SymbolAxis truth = new SymbolAxis("true class", names);
        truth.setInverted(true);
        truth.setGridBandsVisible(false);
        truth.setTickLabelFont(ticks);
        XYBlockRenderer renderer = new XYBlockRenderer();
        BluePaintScale scale = new BluePaintScale();
        renderer.setPaintScale(scale);
        XYPlot plot = new XYPlot(data, predicted, truth, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setOutlinePaint(Color.GRAY);
        if (cell >= 18) {
            Font font = new Font(Font.SANS_SERIF, Font.PLAIN, Math.min(16, cell / 3));
            for (int i = 0; i < k * k; i++) {
                XYTextAnnotation count = new XYTextAnnotation(
                        String.valueOf(counts.get((int) xyz[1][i]).get((int) xyz[0][i])), xyz[0][i], xyz[1][i]);
                count.setFont(font);
                count.setPaint(xyz[2][i] > 0.5 ? Color.WHITE : Color.BLACK);
                plot.addAnnotation(count);
            }
        }
        JFreeChart chart = new JFreeChart(title, TITLE, plot, false);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        NumberAxis shareAxis = new NumberAxis("share of the true class");
        shareAxis.setRange(0, 1);
        PaintScaleLegend legend = new PaintScaleLegend(scale, shareAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(10, 10, 10, 10));
        legend.setStripWidth(14);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        chart.addSubtitle(legend);
        int labels = Math.min(200, 20 + 7 * longest);
        return png(chart, Math.max(480, k * cell + labels + 140), Math.max(400, k * cell + labels + 100));
    }

    private static void style(XYPlot plot) {
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        plot.setOutlineVisible(false);
    }

    private static byte[] png(JFreeChart chart, int width, int height) {
        try (ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** White (0) to dark blue (1), like matplotlib's "Blues", which scikit-learn's confusion-matrix plot uses. */
    private static final class BluePaintScale implements PaintScale {

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double v = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
            return new Color(
                    mix(255, DARKEST.getRed(), v), mix(255, DARKEST.getGreen(), v), mix(255, DARKEST.getBlue(), v));
        }

        private static int mix(int from, int to, double v) {
            return (int) Math.round(from + (to - from) * v);
        }
    }
}
