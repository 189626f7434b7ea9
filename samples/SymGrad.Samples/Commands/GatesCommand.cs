using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Text;
using ScottPlot;
using SymGrad.Models;
using SymGrad.Samples.Infrastructure;
using SymGrad.Samples.Plotting;

namespace SymGrad.Samples.Commands;

/// <summary>
/// The computation graph z = max(x y, x + y) c: the forward value and the backward gradient dz/dnode at every node, each
/// gate's local derivative taken from its generated gradient (Gates.MultiplyGradient, AddGradient, MaxGradient) and
/// chained by hand, then checked against the generated gradient of the whole graph (Gates.GraphGradient).
/// </summary>
internal sealed class GatesCommand : SampleCommand
{
    private const double X = 2, Y = 3, C = -2;

    public override string Name => "gates";

    public override string Description => "The computation graph z = max(x y, x + y) c: forward values and backward gradients at every node, as a table, a DOT file and a picture.";

    public override string Title => "A computation graph: forward values and backward gradients";

    public override int Run(SampleContext context)
    {
        // Forward pass, node by node.
        double product = Gates.Multiply(X, Y);
        double sum = Gates.Add(X, Y);
        double larger = Gates.Max(product, sum);
        double z = Gates.Multiply(larger, C);

        // Backward pass: each gate's generated gradient gives its local derivatives; the chain rule multiplies them by the
        // gradient arriving from above and adds the contributions where a value is used twice.
        Gates.MultiplyGradient(larger, C, out double localLarger, out double localC);
        double dLarger = 1.0 * localLarger, dC = 1.0 * localC;
        Gates.MaxGradient(product, sum, out double localProduct, out double localSum);
        double dProduct = dLarger * localProduct, dSum = dLarger * localSum;
        Gates.MultiplyGradient(X, Y, out double productX, out double productY);
        Gates.AddGradient(X, Y, out double sumX, out double sumY);
        double dx = dProduct * productX + dSum * sumX;
        double dy = dProduct * productY + dSum * sumY;

        double whole = Gates.GraphGradient(X, Y, C, out double graphDx, out double graphDy);
        var nodes = new List<Node>
        {
            new("x", null, X, dx, "sum of both uses: dz/dproduct * y + dz/dsum * 1"),
            new("y", null, Y, dy, "sum of both uses: dz/dproduct * x + dz/dsum * 1"),
            new("c", null, C, dC, "multiply swaps: dz/dc = larger"),
            new("product", "x * y", product, dProduct, "max routes dz/dlarger to the larger input"),
            new("sum", "x + y", sum, dSum, "max gives the smaller input 0"),
            new("larger", "max(product, sum)", larger, dLarger, "multiply swaps: dz/dlarger = c"),
            new("z", "larger * c", z, 1.0, "the seed dz/dz = 1"),
        };

        context.WriteLine($"z = max(x y, x + y) c at x = {G(X)}, y = {G(Y)}, c = {G(C)}");
        var table = new TextTable("node", "expression", "forward value", "gradient dz/dnode", "backward rule");
        foreach (Node node in nodes)
        {
            table.AddRow(node.Name, node.Expression ?? "input", G(node.Value), G(node.Gradient), node.Rule);
        }

        table.WriteTo(context.Out);
        context.WriteLine($"generated Gates.GraphGradient: z = {G(whole)}, dz/dx = {G(graphDx)}, dz/dy = {G(graphDy)}  ({(graphDx == dx && graphDy == dy && whole == z ? "agrees with the chained gates" : "DISAGREES with the chained gates")})");
        context.WriteLine("At a tie (x y = x + y) Math.Max gives the whole gradient to its first argument, the product.");

        string dotPath = context.FilePath("gates.dot");
        File.WriteAllText(dotPath, Dot(nodes));
        context.Wrote(dotPath + "  (render with: dot -Tpng gates.dot -o gates-graphviz.png)");
        Charts.Save(context, GraphPlot(nodes), "gates.png");
        return graphDx == dx && graphDy == dy ? 0 : 1;
    }

    private static readonly (string From, string To)[] Edges =
    {
        ("x", "product"), ("y", "product"), ("x", "sum"), ("y", "sum"), ("product", "larger"), ("sum", "larger"), ("larger", "z"), ("c", "z"),
    };

    private static readonly Dictionary<string, Coordinates> Layout = new()
    {
        ["x"] = new(0, 1), ["y"] = new(0, -1), ["product"] = new(2.2, 1), ["sum"] = new(2.2, -1),
        ["larger"] = new(4.4, 0), ["c"] = new(4.4, -1.8), ["z"] = new(6.6, 0),
    };

    private static string Dot(List<Node> nodes)
    {
        var dot = new StringBuilder();
        dot.AppendLine("digraph gates {");
        dot.AppendLine("  rankdir=LR;");
        dot.AppendLine("  node [shape=box, fontname=\"DejaVu Sans\"];");
        foreach (Node node in nodes)
        {
            dot.AppendLine($"  {node.Name} [label=\"{Label(node)}\\nvalue {G(node.Value)}\\ngradient {G(node.Gradient)}\"];");
        }

        foreach ((string from, string to) in Edges)
        {
            dot.AppendLine($"  {from} -> {to};");
        }

        dot.AppendLine("}");
        return dot.ToString();
    }

    private static Plot GraphPlot(List<Node> nodes)
    {
        var plot = new Plot();
        plot.Title($"z = max(x y, x + y) c at x = {G(X)}, y = {G(Y)}, c = {G(C)}: forward value / backward gradient");
        foreach ((string from, string to) in Edges)
        {
            Coordinates a = Layout[from], b = Layout[to];
            double dx = b.X - a.X, dy = b.Y - a.Y, length = Math.Sqrt(dx * dx + dy * dy);
            var arrow = plot.Add.Arrow(new Coordinates(a.X + 0.75 * dx / length, a.Y + 0.45 * dy / length), new Coordinates(b.X - 0.75 * dx / length, b.Y - 0.45 * dy / length));
            arrow.ArrowFillColor = Colors.Gray;
            arrow.ArrowLineColor = Colors.Gray;
            arrow.ArrowWidth = 2;
            arrow.ArrowheadWidth = 10;
            arrow.ArrowheadLength = 12;
        }

        foreach (Node node in nodes)
        {
            Coordinates at = Layout[node.Name];
            var label = plot.Add.Text($"{Label(node)}\nvalue {G(node.Value)}\ngradient {G(node.Gradient)}", at);
            label.LabelAlignment = Alignment.MiddleCenter;
            label.LabelFontSize = 14;
            label.LabelBackgroundColor = ClassColors.Region(0);
            label.LabelBorderColor = ClassColors.Class(0);
            label.LabelBorderWidth = 1;
            label.LabelPadding = 6;
        }

        plot.Axes.SetLimits(-0.9, 7.5, -2.5, 1.7);
        plot.Axes.Frameless();
        plot.HideGrid();
        return plot;
    }

    private static string Label(Node node) => node.Expression is null ? node.Name + " (input)" : node.Name + " = " + node.Expression;

    /// <summary>Formats a value; adding 0.0 turns a negative zero (a zero gradient times a negative number) into 0.</summary>
    private static string G(double value) => (value + 0.0).ToString("0.###", CultureInfo.InvariantCulture);

    private sealed record Node(string Name, string? Expression, double Value, double Gradient, string Rule);
}
