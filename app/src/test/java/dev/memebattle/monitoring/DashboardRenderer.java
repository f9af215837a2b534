package dev.memebattle.monitoring;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import javax.imageio.ImageIO;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Shape;
import java.awt.geom.AffineTransform;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Draws docs/grafana-dashboard.json as a picture without Grafana: every time-series panel's own
 * PromQL, evaluated by a real Prometheus ({@code /api/v1/query_range}), drawn in the dashboard's grid
 * layout with its title, units, legend (with the legend's calcs), colour and axis overrides and
 * stacking. {@code $__rate_interval} and {@code $instance} are substituted as given; nothing else is
 * made up: a query without data leaves its panel's legend saying so. Used by docs/dashboard/render.sh.
 *
 * <pre>
 * java -cp app/target/test-classes:$(cat app/target/cp.txt) -Djava.awt.headless=true \
 *      dev.memebattle.monitoring.DashboardRenderer DASHBOARD.json PROMETHEUS_URL START END OUT.png \
 *      [step=2] [rate_interval=15s] [instance=.+]
 * </pre>
 * START and END are Unix seconds. Prints each query with the number of series it returned.
 */
public final class DashboardRenderer {

    // Grafana's dark theme
    private static final Color PAGE = new Color(0x111217);
    private static final Color PANEL = new Color(0x181b1f);
    private static final Color BORDER = new Color(0x2c3235);
    private static final Color GRID = new Color(0x25282d);
    private static final Color TEXT = new Color(0xccccdc);
    private static final Color DIM = new Color(0x8e8e9e);
    private static final Map<String, Color> NAMED = Map.ofEntries(
            Map.entry("green", new Color(0x73bf69)), Map.entry("blue", new Color(0x5794f2)),
            Map.entry("yellow", new Color(0xfade2a)), Map.entry("orange", new Color(0xff9830)),
            Map.entry("red", new Color(0xf2495c)), Map.entry("purple", new Color(0xb877d9)),
            Map.entry("light-blue", new Color(0x8ab8ff)), Map.entry("dark-red", new Color(0xc4162a)),
            Map.entry("text", TEXT));
    private static final Color[] CLASSIC = {new Color(0x7eb26d), new Color(0xeab839), new Color(0x6ed0e0),
            new Color(0xef843c), new Color(0xe24d42), new Color(0x1f78c1), new Color(0xba43a9), new Color(0x705da0)};

    private static final int COLUMNS = 24;
    private static final int ROW_HEIGHT = 32;
    private static final int GAP = 8;
    private static final String FONT = "DejaVu Sans";

    /** One line of a panel: a series Prometheus returned for one of its queries. */
    record Series(String name, String refId, double[] values, String unit, boolean right, Color color, boolean dashed,
                  int fillOpacity) {
    }

    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private final String prometheus;
    private final long start;
    private final long end;
    private final int step;
    private final String rateInterval;
    private final String instance;
    private final List<String> report = new ArrayList<>();
    private int emptyQueries;

    private DashboardRenderer(String prometheus, long start, long end, int step, String rateInterval, String instance) {
        this.prometheus = prometheus.replaceAll("/$", "");
        this.start = start;
        this.end = end;
        this.step = step;
        this.rateInterval = rateInterval;
        this.instance = instance;
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            System.err.println("usage: DashboardRenderer DASHBOARD.json PROMETHEUS_URL START END OUT.png [step] [rate_interval] [instance]");
            System.exit(2);
        }
        DashboardRenderer renderer = new DashboardRenderer(args[1], Long.parseLong(args[2]), Long.parseLong(args[3]),
                args.length > 5 ? Integer.parseInt(args[5]) : 2, args.length > 6 ? args[6] : "15s",
                args.length > 7 ? args[7] : ".+");
        BufferedImage image = renderer.render(renderer.json.readTree(Path.of(args[0]).toFile()), Path.of(args[0]));
        Path out = Path.of(args[4]);
        ImageIO.write(image, "png", out.toFile());
        renderer.report.forEach(System.out::println);
        System.out.printf(Locale.ROOT, "%s: %d x %d, %d KB; %d queries without data%n", out, image.getWidth(),
                image.getHeight(), Files.size(out) / 1024, renderer.emptyQueries);
    }

    BufferedImage render(JsonNode dashboard, Path source) throws IOException, InterruptedException {
        int width = 1280;
        int margin = 16;
        int header = 78;
        int footer = 54;
        int gridBottom = 0;
        for (JsonNode p : dashboard.path("panels")) {
            JsonNode g = p.path("gridPos");
            gridBottom = Math.max(gridBottom, g.path("y").asInt() + g.path("h").asInt());
        }
        int height = header + gridBottom * ROW_HEIGHT + footer;
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_STROKE_CONTROL, RenderingHints.VALUE_STROKE_PURE);
        g.setColor(PAGE);
        g.fillRect(0, 0, width, height);

        String version = prometheusVersion();
        DateTimeFormatter clock = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);
        g.setColor(TEXT);
        g.setFont(new Font(FONT, Font.BOLD, 24));
        g.drawString(dashboard.path("title").asText("Dashboard"), margin, 34);
        g.setFont(new Font(FONT, Font.PLAIN, 15));
        String vars = "Data source: Prometheus " + version + "    Instance: " + instances()
                + "    " + clock.format(Instant.ofEpochSecond(start)) + " to " + clock.format(Instant.ofEpochSecond(end)).substring(11) + " UTC";
        g.setColor(DIM);
        g.drawString(vars, margin, 62);

        double unit = (width - 2.0 * margin + GAP) / COLUMNS;
        for (JsonNode p : dashboard.path("panels")) {
            JsonNode gp = p.path("gridPos");
            int x = margin + (int) Math.round(gp.path("x").asInt() * unit);
            int y = header + gp.path("y").asInt() * ROW_HEIGHT;
            int w = (int) Math.round(gp.path("w").asInt() * unit) - GAP;
            int h = gp.path("h").asInt() * ROW_HEIGHT - GAP;
            if (p.path("type").asText().equals("row")) {
                g.setColor(TEXT);
                g.setFont(new Font(FONT, Font.BOLD, 17));
                g.drawString(p.path("title").asText(), x, y + h - 2);
            } else if (p.path("type").asText().equals("timeseries")) {
                panel(g, p, x, y, w, h);
            }
        }
        g.setFont(new Font(FONT, Font.PLAIN, 14));
        g.setColor(DIM);
        g.drawString("Panels of docs/" + source.getFileName() + ": each panel's own PromQL evaluated by Prometheus " + version
                + " (query_range, step " + step + " s, $__rate_interval = " + rateInterval + ", $instance = " + instance + ")",
                margin, height - 30);
        g.drawString("over a scrape of the bot under load; drawn by DashboardRenderer (Java2D), not a Grafana screenshot.",
                margin, height - 11);
        g.dispose();
        return image;
    }

    private String prometheusVersion() throws IOException, InterruptedException {
        JsonNode info = get("/api/v1/status/buildinfo");
        return info.path("data").path("version").asText("?").replaceAll("\\+ds$", "");
    }

    private String instances() throws IOException, InterruptedException {
        JsonNode values = get("/api/v1/label/instance/values?start=" + start + "&end=" + end);
        List<String> all = new ArrayList<>();
        values.path("data").forEach(v -> all.add(v.asText()));
        return all.isEmpty() ? "none" : String.join(", ", all);
    }

    private JsonNode get(String pathAndQuery) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(prometheus + pathAndQuery)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        JsonNode body = json.readTree(response.body());
        if (response.statusCode() != 200 || !"success".equals(body.path("status").asText())) {
            throw new IOException("Prometheus " + response.statusCode() + " for " + pathAndQuery + ": " + response.body());
        }
        return body;
    }

    // ---- one panel ----

    private void panel(Graphics2D g, JsonNode panel, int x, int y, int w, int h) throws IOException, InterruptedException {
        g.setStroke(new BasicStroke(1f));
        g.setColor(PANEL);
        g.fillRoundRect(x, y, w, h, 6, 6);
        g.setColor(BORDER);
        g.drawRoundRect(x, y, w, h, 6, 6);
        g.setColor(TEXT);
        g.setFont(new Font(FONT, Font.BOLD, 15));
        g.drawString(fit(g, panel.path("title").asText(), w - 20), x + 10, y + 22);

        JsonNode defaults = panel.path("fieldConfig").path("defaults");
        String leftUnit = defaults.path("unit").asText("short");
        boolean stacked = defaults.path("custom").path("stacking").path("mode").asText("none").equals("normal");
        List<Series> series = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        int classic = 0;
        for (JsonNode target : panel.path("targets")) {
            String expr = expand(target.path("expr").asText());
            JsonNode result = get("/api/v1/query_range?query=" + URLEncoder.encode(expr, StandardCharsets.UTF_8)
                    + "&start=" + start + "&end=" + end + "&step=" + step).path("data").path("result");
            report.add(String.format(Locale.ROOT, "%-45s %-3s %2d series  %s", panel.path("title").asText(),
                    target.path("refId").asText(), result.size(), expr));
            if (result.isEmpty()) {
                emptyQueries++;
                missing.add(target.path("legendFormat").asText(target.path("refId").asText()).replaceAll("\\{\\{.*?}}", "*"));
            }
            for (JsonNode r : result) {
                String name = legend(target.path("legendFormat").asText(""), r.path("metric"));
                Map<String, JsonNode> props = overrides(panel, name, target.path("refId").asText());
                String unit = props.containsKey("unit") ? props.get("unit").asText() : leftUnit;
                boolean right = props.containsKey("custom.axisPlacement")
                        && props.get("custom.axisPlacement").asText().equals("right");
                Color color = props.containsKey("color") ? NAMED.getOrDefault(props.get("color").path("fixedColor").asText(),
                        CLASSIC[classic % CLASSIC.length]) : CLASSIC[classic % CLASSIC.length];
                classic++;
                boolean dashed = props.containsKey("custom.lineStyle")
                        && props.get("custom.lineStyle").path("fill").asText().equals("dash");
                int fill = props.containsKey("custom.fillOpacity") ? props.get("custom.fillOpacity").asInt()
                        : defaults.path("custom").path("fillOpacity").asInt(0);
                series.add(new Series(name, target.path("refId").asText(), values(r.path("values")), unit, right, color,
                        dashed, fill));
            }
        }

        // legend first: it takes the panel's bottom lines
        JsonNode legendOptions = panel.path("options").path("legend");
        List<String> calcs = new ArrayList<>();
        legendOptions.path("calcs").forEach(c -> calcs.add(c.asText()));
        g.setFont(new Font(FONT, Font.PLAIN, 13));
        FontMetrics fm = g.getFontMetrics();
        List<List<Object[]>> lines = new ArrayList<>();
        List<Object[]> line = new ArrayList<>();
        int used = 0;
        List<Object[]> items = new ArrayList<>();
        for (Series s : series) {
            StringBuilder text = new StringBuilder(s.name());
            for (String calc : calcs) {
                double v = calc(s.values(), calc);
                text.append("  ").append(switch (calc) {
                    case "lastNotNull" -> "last";
                    default -> calc;
                }).append(' ').append(Double.isNaN(v) ? "–" : format(v, s.unit()));
            }
            items.add(new Object[]{s, text.toString()});
        }
        for (String m : missing) {
            items.add(new Object[]{null, m + ": no data in this range"});
        }
        for (Object[] item : items) {
            int itemWidth = 22 + fm.stringWidth((String) item[1]) + 18;
            if (used + itemWidth > w - 20 && !line.isEmpty()) {
                lines.add(line);
                line = new ArrayList<>();
                used = 0;
            }
            line.add(item);
            used += itemWidth;
        }
        if (!line.isEmpty()) {
            lines.add(line);
        }
        int legendHeight = lines.size() * 18 + 4;
        int ly = y + h - legendHeight + 12;
        for (List<Object[]> l : lines) {
            int lx = x + 10;
            for (Object[] item : l) {
                Series s = (Series) item[0];
                if (s != null) {
                    g.setColor(s.color());
                    g.setStroke(stroke(s, 3f));
                    g.drawLine(lx, ly - 4, lx + 14, ly - 4);
                    g.setColor(TEXT);
                } else {
                    g.setColor(DIM);
                }
                g.drawString((String) item[1], lx + 20, ly);
                lx += 22 + fm.stringWidth((String) item[1]) + 18;
            }
            ly += 18;
        }

        // plot area
        boolean anyRight = series.stream().anyMatch(Series::right);
        String rightUnit = series.stream().filter(Series::right).map(Series::unit).findFirst().orElse("short");
        int top = y + 36;
        int bottom = y + h - legendHeight - 22;
        g.setFont(new Font(FONT, Font.PLAIN, 12));
        fm = g.getFontMetrics();
        List<Series> left = series.stream().filter(s -> !s.right()).toList();
        List<Series> rights = series.stream().filter(Series::right).toList();
        List<double[]> leftDrawn = stacked ? stack(left) : left.stream().map(Series::values).toList();
        Axis leftAxis = axis(leftDrawn, leftUnit, defaults);
        Axis rightAxis = anyRight ? axis(rights.stream().map(Series::values).toList(), rightUnit, null) : null;
        int labelWidth = 0;
        for (double t : leftAxis.ticks()) {
            labelWidth = Math.max(labelWidth, fm.stringWidth(format(t, leftUnit, leftAxis)));
        }
        String leftLabel = defaults.path("custom").path("axisLabel").asText("");
        int plotLeft = x + 12 + labelWidth + 6 + (leftLabel.isEmpty() ? 0 : 16);
        int rightLabelWidth = 0;
        String rightLabel = "";
        if (rightAxis != null) {
            for (double t : rightAxis.ticks()) {
                rightLabelWidth = Math.max(rightLabelWidth, fm.stringWidth(format(t, rightUnit, rightAxis)));
            }
            for (Series s : rights) {
                Map<String, JsonNode> props = overrides(panel, s.name(), s.refId());
                if (props.containsKey("custom.axisLabel")) {
                    rightLabel = props.get("custom.axisLabel").asText();
                }
            }
        }
        int plotRight = x + w - 12 - (rightAxis == null ? 0 : rightLabelWidth + 6 + (rightLabel.isEmpty() ? 0 : 16));

        // grid and y labels
        g.setStroke(new BasicStroke(1f));
        for (double t : leftAxis.ticks()) {
            int py = (int) Math.round(leftAxis.y(t, top, bottom));
            g.setColor(GRID);
            g.drawLine(plotLeft, py, plotRight, py);
            g.setColor(DIM);
            String label = format(t, leftUnit, leftAxis);
            g.drawString(label, plotLeft - 6 - fm.stringWidth(label), py + 4);
        }
        if (rightAxis != null) {
            for (double t : rightAxis.ticks()) {
                int py = (int) Math.round(rightAxis.y(t, top, bottom));
                g.setColor(DIM);
                g.drawString(format(t, rightUnit, rightAxis), plotRight + 6, py + 4);
            }
        }
        if (!leftLabel.isEmpty()) {
            vertical(g, leftLabel, x + 16, (top + bottom) / 2);
        }
        if (!rightLabel.isEmpty()) {
            vertical(g, rightLabel, x + w - 8, (top + bottom) / 2);
        }
        // time axis
        long every = timeStep(end - start, plotRight - plotLeft);
        DateTimeFormatter hms = DateTimeFormatter.ofPattern(every % 60 == 0 ? "HH:mm" : "HH:mm:ss").withZone(ZoneOffset.UTC);
        for (long t = (start + every - 1) / every * every; t <= end; t += every) {
            int px = (int) Math.round(plotLeft + (double) (t - start) / (end - start) * (plotRight - plotLeft));
            String label = hms.format(Instant.ofEpochSecond(t));
            if (px - fm.stringWidth(label) / 2 < plotLeft - 4 || px + fm.stringWidth(label) / 2 > plotRight + 4) {
                continue; // would run into the y axis' labels
            }
            g.setColor(GRID);
            g.drawLine(px, top, px, bottom);
            g.setColor(DIM);
            g.drawString(label, px - fm.stringWidth(label) / 2, bottom + 16);
        }
        g.setColor(BORDER);
        g.drawLine(plotLeft, bottom, plotRight, bottom);

        // series: stacked ones fill down to the one below
        Shape clip = g.getClip();
        g.clipRect(plotLeft, top - 2, plotRight - plotLeft + 1, bottom - top + 4);
        for (int i = 0; i < left.size(); i++) {
            double[] below = stacked && i > 0 ? leftDrawn.get(i - 1) : null;
            draw(g, left.get(i), leftDrawn.get(i), below, leftAxis, plotLeft, plotRight, top, bottom);
        }
        for (Series s : rights) {
            draw(g, s, s.values(), null, rightAxis, plotLeft, plotRight, top, bottom);
        }
        g.setClip(clip);
        if (series.isEmpty()) {
            g.setColor(DIM);
            g.setFont(new Font(FONT, Font.PLAIN, 15));
            g.drawString("No data", (plotLeft + plotRight) / 2 - 25, (top + bottom) / 2);
        }
    }

    private void draw(Graphics2D g, Series s, double[] values, double[] below, Axis axis, int left, int right, int top,
                      int bottom) {
        int n = values.length;
        double dx = n > 1 ? (double) (right - left) / (n - 1) : 0;
        Path2D line = new Path2D.Double();
        List<Path2D> fills = new ArrayList<>();
        Path2D fill = null;
        List<double[]> fillBase = new ArrayList<>();
        boolean open = false;
        for (int i = 0; i <= n; i++) {
            boolean has = i < n && !Double.isNaN(values[i]);
            if (has) {
                double px = left + i * dx;
                double py = axis.y(values[i], top, bottom);
                if (!open) {
                    line.moveTo(px, py);
                    fill = new Path2D.Double();
                    fill.moveTo(px, py);
                    fillBase.clear();
                    open = true;
                } else {
                    line.lineTo(px, py);
                    fill.lineTo(px, py);
                }
                double base = below == null || Double.isNaN(below[i]) ? axis.y(Math.max(axis.min(), 0), top, bottom)
                        : axis.y(below[i], top, bottom);
                fillBase.add(new double[]{px, base});
            } else if (open) {
                for (int k = fillBase.size() - 1; k >= 0; k--) {
                    fill.lineTo(fillBase.get(k)[0], fillBase.get(k)[1]);
                }
                fill.closePath();
                fills.add(fill);
                open = false;
            }
        }
        if (s.fillOpacity() > 0) {
            Color c = s.color();
            g.setColor(new Color(c.getRed(), c.getGreen(), c.getBlue(), Math.min(255, s.fillOpacity() * 255 / 100)));
            fills.forEach(g::fill);
        }
        g.setColor(s.color());
        g.setStroke(stroke(s, 2f));
        g.draw(line);
        // a value seen at one step only would be invisible as a line
        if (n > 0) {
            for (int i = 0; i < n; i++) {
                boolean alone = !Double.isNaN(values[i]) && (i == 0 || Double.isNaN(values[i - 1]))
                        && (i == n - 1 || Double.isNaN(values[i + 1]));
                if (alone) {
                    double px = left + i * dx;
                    double py = axis.y(values[i], top, bottom);
                    g.fill(new java.awt.geom.Ellipse2D.Double(px - 2.5, py - 2.5, 5, 5));
                }
            }
        }
    }

    private static BasicStroke stroke(Series s, float width) {
        return s.dashed() ? new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[]{7f, 6f}, 0f)
                : new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND);
    }

    private static void vertical(Graphics2D g, String text, int x, int centerY) {
        AffineTransform saved = g.getTransform();
        g.rotate(-Math.PI / 2, x, centerY);
        g.setColor(DIM);
        g.drawString(text, x - g.getFontMetrics().stringWidth(text) / 2, centerY);
        g.setTransform(saved);
    }

    private static String fit(Graphics2D g, String text, int width) {
        FontMetrics fm = g.getFontMetrics();
        if (fm.stringWidth(text) <= width) {
            return text;
        }
        while (text.length() > 1 && fm.stringWidth(text + "…") > width) {
            text = text.substring(0, text.length() - 1);
        }
        return text + "…";
    }

    // ---- data ----

    private String expand(String expr) {
        return expr.replace("$__rate_interval", rateInterval).replace("${instance}", instance).replace("$instance", instance);
    }

    private double[] values(JsonNode values) {
        int n = (int) ((end - start) / step) + 1;
        double[] out = new double[n];
        java.util.Arrays.fill(out, Double.NaN);
        for (JsonNode v : values) {
            int i = (int) Math.round((v.get(0).asDouble() - start) / step);
            if (i >= 0 && i < n) {
                out[i] = parse(v.get(1).asText());
            }
        }
        return out;
    }

    private static double parse(String value) {
        return switch (value) {
            case "NaN", "+Inf", "-Inf" -> Double.NaN;
            default -> Double.parseDouble(value);
        };
    }

    private static final Pattern LABEL = Pattern.compile("\\{\\{\\s*([a-zA-Z_][a-zA-Z0-9_]*)\\s*}}");

    private static String legend(String format, JsonNode metric) {
        if (format.isEmpty()) {
            return metric.toString();
        }
        Matcher m = LABEL.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(metric.path(m.group(1)).asText("")));
        }
        m.appendTail(out);
        return out.toString();
    }

    /** The panel's override properties that apply to a series (by display name or by query), later ones winning. */
    private static Map<String, JsonNode> overrides(JsonNode panel, String name, String refId) {
        Map<String, JsonNode> props = new HashMap<>();
        for (JsonNode o : panel.path("fieldConfig").path("overrides")) {
            String id = o.path("matcher").path("id").asText();
            String option = o.path("matcher").path("options").asText();
            boolean applies = id.equals("byName") && option.equals(name) || id.equals("byFrameRefID") && option.equals(refId)
                    || id.equals("byRegexp") && name.matches(option);
            if (applies) {
                o.path("properties").forEach(p -> props.put(p.path("id").asText(), p.path("value")));
            }
        }
        return props;
    }

    private static List<double[]> stack(List<Series> series) {
        List<double[]> out = new ArrayList<>();
        double[] sum = null;
        for (Series s : series) {
            double[] v = s.values().clone();
            if (sum != null) {
                for (int i = 0; i < v.length; i++) {
                    v[i] = Double.isNaN(v[i]) ? (Double.isNaN(sum[i]) ? Double.NaN : sum[i])
                            : v[i] + (Double.isNaN(sum[i]) ? 0 : sum[i]);
                }
            }
            out.add(v);
            sum = v;
        }
        return out;
    }

    private static double calc(double[] values, String calc) {
        double sum = 0;
        double max = Double.NaN;
        double last = Double.NaN;
        int n = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                sum += v;
                n++;
                max = Double.isNaN(max) ? v : Math.max(max, v);
                last = v;
            }
        }
        return switch (calc) {
            case "mean" -> n == 0 ? Double.NaN : sum / n;
            case "max" -> max;
            case "lastNotNull", "last" -> last;
            default -> Double.NaN;
        };
    }

    // ---- axes and units ----

    /** A y axis: its range and ticks, and the scale its labels are written in (ms, MiB, %...). */
    record Axis(double min, double max, List<Double> ticks, double scale, String suffix) {
        double y(double v, int top, int bottom) {
            return bottom - (v - min) / (max - min) * (bottom - top);
        }
    }

    private static Axis axis(List<double[]> series, String unit, JsonNode defaults) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (double[] s : series) {
            for (double v : s) {
                if (!Double.isNaN(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo == Double.POSITIVE_INFINITY) {
            lo = 0;
            hi = 1;
        }
        double min = defaults != null && defaults.has("min") ? defaults.get("min").asDouble() : Math.min(0, lo);
        double max = defaults != null && defaults.has("max") ? defaults.get("max").asDouble() : hi;
        if (max <= min) {
            max = min + (unit.equals("percentunit") ? 0.01 : 1);
        }
        Object[] scale = scale(unit, Math.max(Math.abs(max), Math.abs(min)));
        double factor = (double) scale[0];
        double range = (max - min) / factor;
        double raw = range / 4;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double nice = raw / magnitude <= 1 ? 1 : raw / magnitude <= 2 ? 2 : raw / magnitude <= 2.5 ? 2.5 : raw / magnitude <= 5 ? 5 : 10;
        double tick = nice * magnitude;
        if (unit.equals("short") && tick < 1 && hi >= 1) {
            tick = 1; // counts of things: no half workers
        }
        double top = defaults != null && defaults.has("max") ? max / factor : Math.ceil(max / factor / tick - 1e-9) * tick;
        if (top * factor < max) {
            top += tick;
        }
        List<Double> ticks = new ArrayList<>();
        for (double t = Math.floor(min / factor / tick) * tick; t <= top + tick / 1000; t += tick) {
            ticks.add(t * factor);
        }
        return new Axis(min, top * factor, ticks, factor, (String) scale[1]);
    }

    /** The factor and suffix labels of {@code unit} are written with, for values up to {@code max}. */
    private static Object[] scale(String unit, double max) {
        return switch (unit) {
            case "s" -> max < 1 ? new Object[]{0.001, " ms"} : new Object[]{1.0, " s"};
            case "bytes" -> {
                String[] names = {" B", " KiB", " MiB", " GiB", " TiB"};
                int k = 0;
                while (k < names.length - 1 && max >= Math.pow(1024, k + 1)) {
                    k++;
                }
                yield new Object[]{Math.pow(1024, k), names[k]};
            }
            case "percentunit" -> new Object[]{0.01, "%"};
            case "ops" -> new Object[]{1.0, "/s"};
            case "reqps" -> new Object[]{1.0, " req/s"};
            default -> max >= 1_000_000 ? new Object[]{1_000_000.0, " M"} : max >= 10_000 ? new Object[]{1000.0, " K"}
                    : new Object[]{1.0, ""};
        };
    }

    private static String format(double v, String unit, Axis axis) {
        double scaled = v / axis.scale();
        double tick = axis.ticks().size() > 1 ? (axis.ticks().get(1) - axis.ticks().get(0)) / axis.scale() : 1;
        int decimals = tick >= 1 || tick == 0 ? 0 : (int) Math.ceil(-Math.log10(tick) - 1e-9);
        if (tick < 1 && Math.abs(tick * Math.pow(10, decimals) - Math.round(tick * Math.pow(10, decimals))) > 1e-6) {
            decimals++;
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", scaled) + axis.suffix();
    }

    /** A value in a legend: three significant digits in the unit's best scale. */
    private static String format(double v, String unit) {
        Object[] scale = scale(unit, Math.abs(v));
        double scaled = v / (double) scale[0];
        String number = scaled == 0 ? "0" : Math.abs(scaled) >= 100 ? String.format(Locale.ROOT, "%.0f", scaled)
                : Math.abs(scaled) >= 10 ? String.format(Locale.ROOT, "%.1f", scaled) : String.format(Locale.ROOT, "%.2f", scaled);
        return number + scale[1];
    }

    private static long timeStep(long seconds, int pixels) {
        long[] steps = {5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200, 21600, 43200, 86400};
        int wanted = Math.max(2, pixels / 70);
        for (long s : steps) {
            if (seconds / s <= wanted) {
                return s;
            }
        }
        return steps[steps.length - 1];
    }
}
