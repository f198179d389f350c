package dev.neurona.prediction;

import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The representation scatter as a PNG (JFreeChart, off screen): one series per true class, coloured from the
 * Okabe–Ito palette (told apart with the common colour-vision deficiencies); past eight classes the colours repeat
 * with another marker shape, so ten digit classes stay distinguishable.
 */
final class ScatterChart {

    private static final Color[] OKABE_ITO = {
        new Color(0xE69F00),
        new Color(0x56B4E9),
        new Color(0x009E73),
        new Color(0xF0E442),
        new Color(0x0072B2),
        new Color(0xD55E00),
        new Color(0xCC79A7),
        new Color(0x000000)
    };

    private ScatterChart() {}

    static byte[] png(
            String title,
            String subtitle,
            Pca.Projection pca,
            int[] truth,
            List<String> classes,
            int width,
            int height) {
        XYSeriesCollection data = new XYSeriesCollection();
        XYSeries[] series = new XYSeries[classes.size()];
        for (int c = 0; c < classes.size(); c++) {
            // keys must be unique and a class name may repeat another's text after trimming: prefix nothing, index keys
            series[c] = new XYSeries(new ClassKey(c, classes.get(c)), false, true);
            data.addSeries(series[c]);
        }
        for (int i = 0; i < truth.length; i++) {
            series[truth[i]].add(pca.x()[i], pca.y()[i]);
        }
        NumberAxis x = new NumberAxis(axis(1, pca.explained()[0]));
        NumberAxis y = new NumberAxis(axis(2, pca.explained()[1]));
        x.setAutoRangeIncludesZero(false);
        y.setAutoRangeIncludesZero(false);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        for (int c = 0; c < classes.size(); c++) {
            Color colour = OKABE_ITO[c % OKABE_ITO.length];
            renderer.setSeriesPaint(c, new Color(colour.getRed(), colour.getGreen(), colour.getBlue(), 190));
            renderer.setSeriesShape(c, shape(c / OKABE_ITO.length));
        }
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xdddddd));
        plot.setRangeGridlinePaint(new Color(0xdddddd));
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.addSubtitle(new TextTitle(subtitle, new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        LegendTitle legend = chart.getLegend();
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setItemFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ChartUtils.writeChartAsPNG(out, chart, width, height);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    static String axis(int component, double share) {
        return String.format(Locale.ROOT, "PC%d (%.1f%% of variance)", component, 100 * share);
    }

    private static Shape shape(int kind) {
        return switch (kind % 3) {
            case 0 -> new Ellipse2D.Double(-3, -3, 6, 6);
            case 1 -> new Rectangle2D.Double(-3, -3, 6, 6);
            default -> {
                Path2D.Double triangle = new Path2D.Double();
                triangle.moveTo(0, -4);
                triangle.lineTo(3.5, 3);
                triangle.lineTo(-3.5, 3);
                triangle.closePath();
                yield triangle;
            }
        };
    }

    /** A series key shown as the class name, unique by index. */
    private record ClassKey(int index, String name) implements Comparable<ClassKey> {
        @Override
        public String toString() {
            return name;
        }

        @Override
        public int compareTo(ClassKey other) {
            return Integer.compare(index, other.index);
        }
    }
}
