using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;
using SymGrad.Generator.Vectorization;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Prints row lanes (<see cref="CodeRowLanes"/>; <c>Vectorization/RowLanes</c>): in a block of its own, the row
/// counter declared once, a loop over <c>Lanes.Count</c> rows at a time (<c>Lanes.SingleCount</c> in a <c>float</c>
/// method) whose statements are the body's with <c>Vector512</c> values, lane l holding row i + l, then the tile's last
/// rows (fewer than a group) once more in lanes: the body under the mask <c>Lanes.FirstRows</c>, its reads repeating
/// the last row in the lanes past it (<c>Lanes.Load</c>, <c>Lanes.Gather</c> with the count of rows), so those lanes
/// compute what a real row computes and the mask keeps them out of every sum; the loop as written runs the rows only
/// when their vectors do not fit. In the lanes: the rows' shared values are broadcast (<c>Vector512.Create</c>),
/// elements at an index affine in the row are gathered (<c>Lanes.Gather</c>, <c>Lanes.Load</c> at stride one), private
/// arrays are one vector per element (<c>zLanes[c]</c>), sums into the enclosing code add their lanes
/// (<c>Lanes.Sum</c>), deferred updates are scattered (<c>Lanes.Scatter</c>), and a branch whose condition differs
/// between rows becomes a lane mask: its block runs when any lane's condition holds, and each assignment in it keeps
/// the old value in the other lanes (<c>Vector512.ConditionalSelect</c>).
/// </summary>
internal static class RowLaneEmitter
{
    private const string Vector = "global::System.Runtime.Intrinsics.Vector512";
    private const string Lanes = "global::SymGrad.Lanes";

    /// <summary>Whether the machine has AVX-512: the groups run two at a time only then (<see cref="RowLanePairs"/>).</summary>
    private const string Accelerated = Vector + ".IsHardwareAccelerated";

    /// <summary>
    /// Whether the rows run in lanes: at least a group of <paramref name="rows"/>, and their vectors fit
    /// <c>Lanes.MaxRowElements</c>; else every row runs as written (<see cref="WriteOneAtATime"/>).
    /// </summary>
    public static void WriteSwitch(IndentedWriter writer, ExpressionPrinter printer, CodeRowLanes lanes, string rows)
    {
        bool single = printer.Real.Precision == Model.Precision.Single;
        List<PrivateRow> privateRows = lanes.Privates.Concat(lanes.Sums).ToList();
        writer.Line("// The rows run " + (single ? "Lanes.SingleCount" : "Lanes.Count") + " at a time when there are that many and their vectors (" + string.Join(", ", privateRows.Select(r => r.Array).Concat(lanes.Shares.Select(r => r.Shares)).Concat(lanes.Saved.Select(r => r.Lanes)).Concat(lanes.Blocks.Select(b => b.Block))) + ") fit Lanes.MaxRowElements; else one at a time.");
        List<string> sizes = Sizes(printer, lanes, single);
        // Fewer rows than a group run as written: one partial group costs more than its rows (its lanes' buffers, masks and sums).
        writer.Line("bool " + lanes.Switch + " = " + rows + " >= " + Count(single) + " && " + Lanes + ".FitsRows(" + (sizes.Any() ? string.Join(" + ", sizes) : "0") + ");");
    }

    /// <summary>What the rows' vectors need, in elements: the terms <see cref="WriteSwitch"/> adds up for <c>Lanes.FitsRows</c>.</summary>
    private static List<string> Sizes(ExpressionPrinter printer, CodeRowLanes lanes, bool single) =>
        lanes.Privates.Concat(lanes.Sums).Select((r, k) => (k == 0 ? "(long)" : string.Empty) + r.Array + ".Length")
            .Concat(lanes.Shares.Select(r => r.Array + ".Length"))
            .Concat(lanes.Saved.Select(r => "(long)global::System.Math.Max(0, " + SavedIterations(printer, r) + ")" + (r.Pushes == 1 ? string.Empty : " * " + r.Pushes)))
            .Concat(KeptPerTileSizes(printer, lanes, single))
            .Concat(lanes.Blocks.Select(b => "(long)" + BlockLength(printer, b)))
            .ToList();

    private static IEnumerable<string> KeptPerTileSizes(ExpressionPrinter printer, CodeRowLanes lanes, bool single) =>
        lanes.Kept.SelectMany(k => new[] { k.Rows, k.Count }).Select(size => "(long)" + KeptPerTile(printer, size, single));

    /// <summary>
    /// The pooled buffers of the private arrays' and the sums' lanes, rented once before the tiles (where
    /// <see cref="WriteSwitch"/> said the rows run in lanes).
    /// </summary>
    /// <returns>The bodies as <see cref="Write"/> writes them: printed here to find the views they read.</returns>
    /// <param name="rows">The number of rows, as <see cref="WriteSwitch"/> was given it.</param>
    public static PrintedBodies WriteRent(IndentedWriter writer, ExpressionPrinter printer, CodeRowLanes lanes, string rows)
    {
        int start = writer.Length;
        RealText real = printer.Real;
        bool single = real.Precision == Model.Precision.Single;
        if (lanes.Kept.Count > 0)
        {
            // The kept rows of more tiles than one count only when they fit with the rest (a wide layer keeps one tile's).
            List<string> keptPerTile = KeptPerTileSizes(printer, lanes, single).ToList();
            string tiles = Lanes + (single ? ".SingleKeptTiles" : ".KeptTiles");
            string more = "(long)(" + tiles + " - 1) * (" + string.Join(" + ", keptPerTile) + ")";
            writer.Line("int " + lanes.KeptTiles + " = " + lanes.Switch + " && " + Lanes + ".FitsRows(" + string.Join(" + ", Sizes(printer, lanes, single)) + " + " + more + ") ? " + tiles + " : 1;  // the tiles whose groups' products are kept at once");
        }

        foreach (PrivateRow row in lanes.Privates)
        {
            writer.Line("// " + row.Array + " for " + (single ? "Lanes.SingleCount" : "Lanes.Count") + " rows at once: element e of row i + l in lane l of " + row.Lanes + "[e].");
            Rent(writer, real, lanes, row, single);
        }

        foreach (SoftmaxShares shares in lanes.Shares)
        {
            writer.Line("// Each element's share of the softmax, exp(" + shares.Array + "[j] - its log-sum-exp), kept for the reverse by the call that declares " + shares.CallLocal + ": element j of row i + l in lane l of " + shares.Shares + "[j].");
            Rent(writer, real, lanes, new PrivateRow(shares.Array, shares.Shares, shares.Buffer), single);
        }

        foreach (PrivateRow sum in lanes.Sums)
        {
            writer.Line("// The rows' additions to " + sum.Array + ", lane by lane in " + sum.Lanes + " until the tiles end, then added in Lanes.Sum's order.");
            Rent(writer, real, lanes, sum, single);
        }

        foreach (KeptProducts kept in lanes.Kept)
        {
            writer.Line("// The groups' " + kept.Scales + " and " + kept.Source + " kept for their products added to " + kept.Destination + " (Lanes.AddKeptProducts), group after group, for up to " + lanes.KeptTiles + " tiles.");
            RentKept(writer, real, lanes, kept.ScalesKept, kept.ScalesKeptBuffer, KeptLength(printer, lanes, kept.Rows, single), single);
            RentKept(writer, real, lanes, kept.SourcesKept, kept.SourcesKeptBuffer, KeptLength(printer, lanes, kept.Count, single), single);
        }

        if (lanes.Kept.Count > 0)
        {
            writer.Line("int " + lanes.KeptGroups + " = 0;  // the groups kept since their products were last added");
        }

        foreach (SavedRow saved in lanes.Saved)
        {
            string count = "global::System.Math.Max(0, " + SavedCount(printer, saved) + ")";
            writer.Line("// The values a loop of the rows saves for its reverse, one vector per value in " + saved.Lanes + " (the tape's values, without its calls inside the loop).");
            writer.Line(real.Keyword + "[] " + saved.Buffer + " = " + lanes.Switch + " ? " + real.Pool + ".Rent((" + count + " + 1) * " + Count(single) + ") : global::System.Array.Empty<" + real.Keyword + ">();");
            writer.Line("global::System.Span<" + Vector + "<" + real.Keyword + ">> " + saved.Lanes + " = " + lanes.Switch + " ? " + Lanes + ".PerRow(" + saved.Buffer + ", " + count + ") : default;");
        }

        foreach (RowBlock block in lanes.Blocks)
        {
            string length = BlockLength(printer, block);
            writer.Line("// " + block.Array + "'s rows of each group transposed once at its start: element e of row " + lanes.Loop.Counter + " + l in lane l of " + block.Block + "[e] (read " + block.Array + "[" + printer.Print(AffineIndex.Simplify(block.Base)) + " + e] as " + block.Read + "[e]).");
            writer.Line(real.Keyword + "[] " + block.Buffer + " = " + lanes.Switch + " ? " + real.Pool + ".Rent((" + length + " + 1) * " + Count(single) + ") : global::System.Array.Empty<" + real.Keyword + ">();");
            writer.Line("global::System.Span<" + Vector + "<" + real.Keyword + ">> " + block.Block + " = " + lanes.Switch + " ? " + Lanes + ".PerRow(" + block.Buffer + ", " + length + ") : default;");
        }

        (HashSet<string> read, PrintedBodies printed) = ViewsRead(printer, lanes, single, writer.ToString(), name => writer.Functions?.Reserves(name) == true);
        List<ReadView> views = lanes.Views.Where(v => read.Contains(v.Span)).ToList();
        if (views.Count > 0)
        {
            writer.Line("// Read-only views of what the rows' calls read, made once here (a conversion at each call is a call in a method this large).");
            foreach (ReadView view in views)
            {
                string element = view.OfLanes ? Vector + "<" + real.Keyword + ">" : real.Keyword;
                writer.Line("global::System.ReadOnlySpan<" + element + "> " + view.View + " = " + view.Span + ";");
            }
        }

        if (printed.Pairs is { } pairs)
        {
            // The same buffers again for the second group of each pair (RowPairs below), their names ending in Second,
            // rented only where the pairs run: with AVX-512, two groups' rows, and the vectors twice within the rows' limit.
            writer.Line("// The groups run two at a time (RowPairs below) with AVX-512, when the rows hold two groups and their vectors fit Lanes.MaxRowElements twice over.");
            List<string> sizes = Sizes(printer, lanes, single);
            string both = sizes.Count == 0 ? "0" : "2 * (" + string.Join(" + ", sizes) + ")";
            writer.Line("bool " + pairs.Switch + " = " + lanes.Switch + " && " + Accelerated + " && " + rows + " >= 2 * " + Count(single) + " && " + Lanes + ".FitsRows(" + both + ");");
            List<string> own = writer.TextFrom(start).Split('\n').Where(pairs.NamesOwn)
                .Select(line => pairs.Second(line.TrimStart()).TrimEnd('\n').Replace(" = " + lanes.Switch + " ? ", " = " + pairs.Switch + " ? "))
                .ToList();
            writer.Line("// The second group's own " + string.Join(", ", own.Select(Declared).Where(name => name.Length > 0 && !name.EndsWith("Buffer" + RowLanePairs.Suffix, System.StringComparison.Ordinal))) + ", for the groups run two at a time (RowPairs below, with AVX-512).");
            foreach (string line in own)
            {
                writer.Line(line);
            }
        }

        return printed;
    }

    /// <summary>The name a declaration line declares (<c>T name = ...;</c>), or empty.</summary>
    private static string Declared(string line)
    {
        int equals = line.IndexOf(" = ", System.StringComparison.Ordinal);
        int space = equals < 0 ? -1 : line.LastIndexOf(' ', equals - 1);
        return space < 0 ? string.Empty : line.Substring(space + 1, equals - space - 1);
    }

    /// <summary>
    /// The spans whose views the bodies' calls read, and the bodies as printed (at no indentation) to find them; the
    /// groups' body is also paired (<see cref="RowLanePairs"/>) where it may be, its second group's names not occurring
    /// in <paramref name="taken"/>.
    /// </summary>
    private static (HashSet<string> Read, PrintedBodies Printed) ViewsRead(ExpressionPrinter printer, CodeRowLanes lanes, bool single, string taken, System.Func<string, bool> reserved)
    {
        var read = new HashSet<string>();
        var groups = new IndentedWriter();
        var starts = new List<int>();
        new Body(groups, printer, lanes, single, lastRows: null, read).TopBlock(lanes.Loop.Body, starts);
        var last = new IndentedWriter();
        new Body(last, printer, lanes, single, lastRows: lanes.LastRows, read).TopBlock(lanes.Loop.Body);
        string text = groups.ToString();
        List<string> chunks = starts.Select((start, k) => text.Substring(start, (k + 1 < starts.Count ? starts[k + 1] : text.Length) - start)).ToList();
        var transposes = new IndentedWriter();
        WriteTransposes(transposes, printer, lanes, lastGroup: false);
        // Pairs in double only: a float group is sixteen rows, a tile's two groups one pair, and the second group's buffers
        // (three more rents a call) cost the float softmax (100, 10, 10) 3% where the pair gained less (docs/benchmark-log.md).
        RowLanePairs? pairs = single ? null : RowLanePairs.Of(lanes, lanes.Views.ToDictionary(v => v.Span, v => v.View), printer.TapeName, transposes.ToString(), chunks, new[] { taken, text }, reserved);
        return (read, new PrintedBodies(text, last.ToString(), pairs));
    }

    /// <summary>
    /// The body of the groups of whole rows and that of the last rows, printed at no indentation, and the groups two at a
    /// time (null where they run one at a time only, <see cref="RowLanePairs"/>).
    /// </summary>
    internal sealed record PrintedBodies(string Groups, string LastRows, RowLanePairs? Pairs);

    /// <summary>The elements of a block's rows, at least 0.</summary>
    private static string BlockLength(ExpressionPrinter printer, RowBlock block) => "global::System.Math.Max(0, " + printer.Print(block.Stride) + ")";

    /// <summary>The blocks' rows of the group transposed (<c>Lanes.TransposeRows</c>); in the last group, its rows only.</summary>
    private static void WriteTransposes(IndentedWriter writer, ExpressionPrinter printer, CodeRowLanes lanes, bool lastGroup)
    {
        foreach (RowBlock block in lanes.Blocks)
        {
            writer.Line("// This group's rows of " + block.Array + ", transposed: element e of each in " + block.Read + "[e].");
            writer.Line("global::System.ReadOnlySpan<" + Vector + "<" + printer.Real.Keyword + ">> " + block.Read + " = " + Lanes + ".TransposeRows(" + block.Array + ", "
                + printer.Print(AffineIndex.Simplify(block.Base)) + ", " + printer.Print(block.Stride) + ", " + block.Block + (lastGroup ? ", " + lanes.RowsLeft : string.Empty) + ");");
        }
    }

    private static string SavedIterations(ExpressionPrinter printer, SavedRow saved) => printer.Print(IntegerFolding.Fold(saved.Iterations));

    private static string SavedCount(ExpressionPrinter printer, SavedRow saved) =>
        saved.Pushes == 1 ? SavedIterations(printer, saved) : "(" + SavedIterations(printer, saved) + ") * " + saved.Pushes;

    private static void Rent(IndentedWriter writer, RealText real, CodeRowLanes lanes, PrivateRow row, bool single)
    {
        writer.Line(real.Keyword + "[] " + row.Buffer + " = " + lanes.Switch + " ? " + real.Pool + ".Rent((" + row.Array + ".Length + 1) * " + Count(single) + ") : global::System.Array.Empty<" + real.Keyword + ">();");
        writer.Line("global::System.Span<" + Vector + "<" + real.Keyword + ">> " + row.Lanes + " = " + lanes.Switch + " ? " + Lanes + ".PerRow(" + row.Buffer + ", " + row.Array + ".Length) : default;");
    }

    /// <summary>The vectors the groups of <see cref="KeptCapacity"/> keep of <paramref name="perGroup"/> each.</summary>
    private static string KeptLength(ExpressionPrinter printer, CodeRowLanes lanes, Expr perGroup, bool single) =>
        KeptCapacity(lanes, single) + " * global::System.Math.Max(0, " + printer.Print(IntegerFolding.Fold(perGroup)) + ")";

    /// <summary>The vectors one tile's groups keep of <paramref name="perGroup"/> each (what <c>Lanes.FitsRows</c> counts first).</summary>
    private static string KeptPerTile(ExpressionPrinter printer, Expr perGroup, bool single) =>
        GroupsPerTile(single) + " * global::System.Math.Max(0, " + printer.Print(IntegerFolding.Fold(perGroup)) + ")";

    /// <summary>The groups of whole rows in the kept tiles (<see cref="CodeRowLanes.KeptTiles"/>).</summary>
    private static string KeptCapacity(CodeRowLanes lanes, bool single) => lanes.KeptTiles + " * (" + GroupsPerTile(single) + ")";

    /// <summary>The groups of whole rows in a tile: <c>Kernels.TileSize / Lanes.Count</c>.</summary>
    private static string GroupsPerTile(bool single) => "global::SymGrad.Kernels.TileSize / " + Count(single);

    /// <summary>The calls that add the kept groups' products to their sums.</summary>
    private static void AddKept(IndentedWriter writer, ExpressionPrinter printer, CodeRowLanes lanes)
    {
        foreach (KeptProducts kept in lanes.Kept)
        {
            writer.Line(Lanes + ".AddKeptProducts(" + lanes.Sums.First(r => r.Array == kept.Destination).Lanes + ", " + printer.Print(IntegerFolding.Fold(kept.DestinationStart)) + ", "
                + printer.Print(IntegerFolding.Fold(kept.RowStride)) + ", " + printer.Print(IntegerFolding.Fold(kept.Rows)) + ", " + kept.ScalesKept + ", " + kept.SourcesKept + ", "
                + printer.Print(IntegerFolding.Fold(kept.Count)) + ", " + lanes.KeptGroups + ");");
        }
    }

    private static void RentKept(IndentedWriter writer, RealText real, CodeRowLanes lanes, string span, string buffer, string length, bool single)
    {
        writer.Line(real.Keyword + "[] " + buffer + " = " + lanes.Switch + " ? " + real.Pool + ".Rent((" + length + " + 1) * " + Count(single) + ") : global::System.Array.Empty<" + real.Keyword + ">();");
        writer.Line("global::System.Span<" + Vector + "<" + real.Keyword + ">> " + span + " = " + lanes.Switch + " ? " + Lanes + ".PerRow(" + buffer + ", " + length + ") : default;");
    }

    /// <summary>Adds the sums' lanes to their arrays (after the tiles) and returns the buffers <see cref="WriteRent"/> rented.</summary>
    public static void WriteReturn(IndentedWriter writer, ExpressionPrinter printer, CodeRowLanes lanes, PrintedBodies printed)
    {
        if (lanes.Sums.Count > 0)
        {
            writer.Line("if (" + lanes.Switch + ")");
            writer.Open();
            if (lanes.Kept.Count > 0)
            {
                writer.Line("// The products the groups kept since they were last added.");
                AddKept(writer, printer, lanes);
            }

            foreach (PrivateRow sum in lanes.Sums)
            {
                writer.Line(Lanes + ".AddSums(" + sum.Array + ", " + sum.Lanes + ");");
            }

            writer.Close();
        }

        writer.Line("if (" + lanes.Switch + ")");
        writer.Open();
        foreach (string buffer in lanes.Privates.Concat(lanes.Sums).Select(r => r.Buffer).Concat(lanes.Shares.Select(r => r.Buffer)).Concat(lanes.Saved.Select(r => r.Buffer))
            .Concat(lanes.Kept.SelectMany(k => new[] { k.ScalesKeptBuffer, k.SourcesKeptBuffer })).Concat(lanes.Blocks.Select(b => b.Buffer)))
        {
            writer.Line(printer.Real.Pool + ".Return(" + buffer + ");");
        }

        if (printed.Pairs is { } pairs)
        {
            writer.Line("if (" + pairs.Switch + ")");
            writer.Open();
            foreach ((_, string buffer) in RowLanePairs.GroupBuffers(lanes))
            {
                writer.Line(pairs.Second(printer.Real.Pool + ".Return(" + buffer + ");").TrimEnd('\n'));
            }

            writer.Close();
        }

        writer.Close();
    }

    /// <summary>A tile's rows one at a time, as written: where <see cref="WriteSwitch"/> said the rows do not run in lanes.</summary>
    public static void WriteOneAtATime(IndentedWriter writer, ExpressionPrinter printer, CodeRowLanes lanes)
    {
        CodeFor loop = lanes.Loop;
        string i = loop.Counter;
        string start = printer.Print(IntegerFolding.Fold(loop.Start));
        string end = printer.Print(IntegerFolding.Fold(loop.End));
        string countName = printer.Real.Precision == Model.Precision.Single ? "Lanes.SingleCount" : "Lanes.Count";
        writer.Line("// for (int " + i + " = " + start + "; " + i + " < " + end + "; " + i + "++): one row at a time, as written (fewer rows than " + countName + ", or vectors that do not fit).");
        writer.Line("for (int " + i + " = " + start + "; " + i + " < " + end + "; " + i + "++)");
        writer.Open();
        GradientEmitter.WriteBlock(writer, printer, lanes.Tail.Body);
        writer.Close();
    }

    /// <summary>A tile's rows in lanes: the groups of whole rows, then the last rows under a mask.</summary>
    /// <param name="printed">The bodies <see cref="WriteRent"/> printed (the tile writes both), written here as they are.</param>
    public static void Write(IndentedWriter writer, ExpressionPrinter printer, CodeRowLanes lanes, PrintedBodies printed)
    {
        CodeFor loop = lanes.Loop;
        string i = loop.Counter;
        bool single = printer.Real.Precision == Model.Precision.Single;
        string count = Count(single);
        string end = printer.Print(IntegerFolding.Fold(loop.End));
        string countName = single ? "Lanes.SingleCount" : "Lanes.Count";
        writer.Line("// for (int " + i + " = " + printer.Print(IntegerFolding.Fold(loop.Start)) + "; " + i + " < " + end + "; " + i + "++): " + countName
            + " rows at a time, lane l holding row " + i + " + l, the last rows too (the vector exp and log may differ from Math's in the last bits, and sums add their lanes in Lanes.Sum's fixed order; ExactSums = true keeps the loop).");
        writer.Open();
        writer.Line("int " + i + " = " + printer.Print(IntegerFolding.Fold(loop.Start)) + ";");
        if (printed.Pairs is { } pairs)
        {
            writer.Line("// With AVX-512, two groups at a time, their statements side by side (the second group's names end in " + RowLanePairs.Suffix + "): one group's chains of");
            writer.Line("// dependent operations run while the other's wait. Each value the groups share takes the first group's addition first, as one group after the");
            writer.Line("// other does. Without AVX-512 every vector operation is a method the JIT inlines, and two groups' worth can pass its limit.");
            writer.Line("if (" + pairs.Switch + ")");
            writer.Open();
            writer.Block("RowPairs", "The groups of " + countName + " rows two at a time", block =>
            {
                block.Line("for (; " + i + " + 2 * " + count + " <= " + end + "; " + i + " += 2 * " + count + ")");
                block.Open();
                block.Line("int " + pairs.Counter(i) + " = " + i + " + " + count + ";  // the second group's first row");
                block.Lines(pairs.Text);
                block.Close();
            });
            writer.Close();
        }

        writer.Block("RowGroups", "The groups of " + countName + " rows", block =>
        {
            block.Line("for (; " + lanes.Switch + " && " + i + " + " + count + " <= " + end + "; " + i + " += " + count + ")");
            block.Open();
            WriteTransposes(block, printer, lanes, lastGroup: false);
            block.Lines(printed.Groups);
            block.Close();
        });
        if (lanes.Kept.Count > 0)
        {
            // Each call loads and stores every vector of its sums: in float a tile has two groups, so the products of
            // several tiles' groups are added at once (the same products in the same order of groups).
            writer.Line("// The products the groups kept, added to " + string.Join(", ", lanes.Kept.Select(k => k.Destination).Distinct()) + " group after group before the tile's last rows"
                + " (which add theirs below) and when another tile's groups might not fit; else kept for the next tile (the rest after the tiles).");
            writer.Line(lanes.KeptGroups + " += " + Group(printer, lanes, single) + ";");
            writer.Line("if (" + i + " < " + end + " || " + lanes.KeptGroups + " > (" + lanes.KeptTiles + " - 1) * (" + GroupsPerTile(single) + "))");
            writer.Open();
            AddKept(writer, printer, lanes);
            writer.Line(lanes.KeptGroups + " = 0;");
            writer.Close();
        }

        writer.BlankLine();
        writer.Line("// The last rows, fewer than " + countName + ", in lanes too: the lanes past the last row read its elements again, and " + lanes.LastRows + " keeps them out of every sum.");
        writer.Block("LastRows", "The tile's last rows in lanes", block =>
        {
            block.Line("if (" + lanes.Switch + " && " + i + " < " + end + ")");
            block.Open();
            block.Line("int " + lanes.RowsLeft + " = " + end + " - " + i + ";");
            block.Line(Vector + "<" + printer.Real.Keyword + "> " + lanes.LastRows + " = " + Lanes + (single ? ".FirstSingleRows(" : ".FirstRows(") + lanes.RowsLeft + ");");
            WriteTransposes(block, printer, lanes, lastGroup: true);
            block.Lines(printed.LastRows);
            block.Line(i + " = " + end + ";");
            block.Close();
        });
        writer.Close();
    }

    private static string Count(bool single) => Lanes + (single ? ".SingleCount" : ".Count");

    /// <summary>The group's place in the tile: <c>(i - tileStart) / Lanes.Count</c>.</summary>
    private static string Group(ExpressionPrinter printer, CodeRowLanes lanes, bool single) =>
        "(" + lanes.Loop.Counter + " - " + printer.Print(IntegerFolding.Fold(lanes.Loop.Start)) + ") / " + Count(single);

    /// <summary>Prints the body's statements in lanes, under the lane mask of the branches around them (null: every lane).</summary>
    private sealed class Body
    {
        private readonly IndentedWriter writer;
        private readonly ExpressionPrinter printer;
        private readonly CodeRowLanes lanes;
        private readonly string counter;
        private readonly string vectorType;
        private readonly string negativeZero;
        private readonly HashSet<string> locals;
        private readonly HashSet<string> maskLocals;
        private readonly Dictionary<string, string> privates;
        private readonly Dictionary<string, SoftmaxShares> sharesByCall;
        private readonly Dictionary<string, string> sums;
        private readonly Dictionary<string, string> carriesByTarget;
        private readonly HashSet<string> copies;
        private readonly HashSet<string> rowInts;
        private readonly bool single;

        /// <summary>The read-only views of spans (<see cref="CodeRowLanes.Views"/>), and the spans whose views this body's calls read.</summary>
        private readonly Dictionary<string, string> views;
        private readonly HashSet<string> viewsRead;

        /// <summary>
        /// The last group's mask (null in the groups of whole rows): its reads repeat the last row in the lanes past it, so
        /// every local, private row and saved value there is the last row's, and only the additions to sums are masked.
        /// </summary>
        private readonly string? lastRows;
        private int nextMask;
        private int nextPartial;

        /// <summary>
        /// The loop whose own statements are being printed when it may read blocks (<see cref="RowBlocks.Columns"/>;
        /// null under a branch or a deeper loop), and whether the steps of four of its running sum are (c + 1 to c + 3
        /// are inside the row there).
        /// </summary>
        private CodeFor? blockLoop;
        private bool unrolled;

        /// <summary>How deep in the body's loops and branches the statement printed is: 1 for a loop of the body itself.</summary>
        private int depth;

        /// <summary>The saved row of the loop being printed, whether it pushes, its counter and the operations printed so far in its body (null: the tape).</summary>
        private (SavedRow Row, bool Pushing, string Counter)? saving;
        private int savedOperations;

        public Body(IndentedWriter writer, ExpressionPrinter printer, CodeRowLanes lanes, bool single, string? lastRows, HashSet<string> viewsRead)
        {
            views = lanes.Views.ToDictionary(v => v.Span, v => v.View);
            this.viewsRead = viewsRead;
            this.lastRows = lastRows;
            this.writer = writer;
            this.printer = printer;
            this.lanes = lanes;
            counter = lanes.Loop.Counter;
            vectorType = Vector + "<" + printer.Real.Keyword + ">";
            negativeZero = Vector + ".Create(" + (single ? "-0.0f" : "-0.0") + ")";
            locals = new HashSet<string>(lanes.Locals);
            maskLocals = new HashSet<string>(lanes.MaskLocals);
            privates = lanes.Privates.ToDictionary(p => p.Array, p => p.Lanes);
            sharesByCall = lanes.Shares.ToDictionary(s => s.CallLocal);
            sums = lanes.Sums.ToDictionary(p => p.Array, p => p.Lanes);
            carriesByTarget = lanes.Carries.ToDictionary(c => c.Target, c => c.Copy);
            copies = new HashSet<string>(lanes.Carries.Select(c => c.Copy));
            rowInts = new HashSet<string>(lanes.RowInts);
            this.single = single;
        }

        /// <summary>The body's statements, the loops that save values (<see cref="SavedRow"/>) printed with their rows; where each top-level statement starts in <paramref name="starts"/>.</summary>
        public void TopBlock(IReadOnlyList<CodeStmt> block, List<int>? starts = null)
        {
            for (int i = 0; i < block.Count; i++)
            {
                if (block[i] is CodeComment && !GradientEmitter.DescribesCode(block, i))
                {
                    continue;
                }

                starts?.Add(writer.Length);

                SavedRow? row = lanes.Saved.FirstOrDefault(r => r.PushLoop == i || r.PopLoop == i);
                saving = row is null ? null : (row, row.PushLoop == i, ((CodeFor)block[i]).Counter);
                savedOperations = 0;
                Statement(block[i], mask: null);
                saving = null;
            }
        }

        public void Block(IReadOnlyList<CodeStmt> block, string? mask)
        {
            for (int i = 0; i < block.Count; i++)
            {
                if (block[i] is not CodeComment || GradientEmitter.DescribesCode(block, i))
                {
                    Statement(block[i], mask);
                }
            }
        }

        private void Statement(CodeStmt statement, string? mask)
        {
            CodeFor? outer = blockLoop;
            int level = depth;
            if (statement is CodeFor or CodeIf)
            {
                blockLoop = null;
                depth++;
            }

            Print(statement, mask);
            blockLoop = outer;
            depth = level;
        }

        /// <summary>Printed where it may not run (a conditional's arm, the right of <c>&amp;&amp;</c> or <c>||</c>): its reads gather, as <see cref="RowBlocks"/> counts only the reads that always run.</summary>
        private string Unblocked(System.Func<string> print)
        {
            CodeFor? outer = blockLoop;
            blockLoop = null;
            string text = print();
            blockLoop = outer;
            return text;
        }

        private void Print(CodeStmt statement, string? mask)
        {
            switch (statement)
            {
                case CodeComment comment:
                    writer.Line("// " + comment.Text);
                    break;
                case CodeIf branch when !GradientEmitter.IsCode(branch):
                    // Nothing to run; its mask, if it has one, is still counted (RowLanes counts every branch).
                    nextMask += Varies(branch.Condition) ? 1 : 0;
                    break;
                case CodeBlankLine:
                    writer.BlankLine();
                    break;
                case CodeDeclare declare when copies.Contains(declare.Name):
                    writer.Line(vectorType + " " + declare.Name + " = " + negativeZero + ";  // this group's part of " + printer.Print(declare.Value) + ", from -0.0");
                    break;
                case CodeDeclare declare when lanes.Shares.Any(s => !s.LogSumExpRead && s.LogSumExp == declare.Name):
                    // Read only as the shares' exps: not needed in lanes.
                    break;
                case CodeDeclare { Kind: ValueKind.Double, Value: VectorCall call } declare when sharesByCall.TryGetValue(declare.Name, out SoftmaxShares? shares):
                    writer.Line("// The call also keeps each element's share of the softmax, exp(" + shares.Array + "[j] - its log-sum-exp), in " + shares.Shares + " for the reverse below.");
                    writer.Line(vectorType + " " + declare.Name + " = " + SoftmaxCall(call, shares.Shares) + ";");
                    break;
                case CodeDeclare { Kind: ValueKind.Double } declare:
                    writer.Line(vectorType + " " + declare.Name + " = " + Real(declare.Value) + ";");
                    break;
                case CodeDeclare { Kind: ValueKind.Bool } declare when maskLocals.Contains(declare.Name):
                    writer.Line(vectorType + " " + declare.Name + " = " + Mask(declare.Value) + ";  // a condition per row: all bits set where it holds");
                    break;
                case CodeDeclare { Kind: ValueKind.Int } declare when rowInts.Contains(declare.Name):
                    writer.Line(Vector + (single ? "<int> " : "<long> ") + declare.Name + " = " + Ints(declare.Value) + ";  // an int per row");
                    break;
                case CodeDeclare declare:
                    writer.Line((declare.Kind == ValueKind.Bool ? "bool " : "int ") + declare.Name + " = " + printer.Print(declare.Value) + ";");
                    break;
                case CodeAssign { Index: null } assign when carriesByTarget.ContainsKey(assign.Name):
                    writer.Line(assign.Name + " += " + Lanes + ".Sum(" + Summand(mask, assign.Value) + ");");
                    break;
                case CodeAssign { Index: null } assign when maskLocals.Contains(assign.Name):
                    writer.Line(assign.Name + " = " + Keep(mask, Mask(assign.Value), assign.Name) + ";");
                    break;
                case CodeAssign { Index: null } assign when locals.Contains(assign.Name):
                    writer.Line(assign.Name + " = " + Keep(mask, Real(assign.Value), assign.Name) + ";");
                    break;
                case CodeAssign { Index: null } assign:
                    writer.Line(assign.Name + " = " + printer.Print(assign.Value) + ";");
                    break;
                case CodeAddTo { Index: null } add when locals.Contains(add.Name) || copies.Contains(add.Name):
                    writer.Line(Update(add.Name, add.Value, mask) + ShareNote(add.Value));
                    break;
                case CodeAddTo { Index: null } add:
                    writer.Line(add.Name + " += " + Lanes + ".Sum(" + Summand(mask, add.Value) + ");");
                    break;
                case CodeAddTo { Index: { } index } add when privates.TryGetValue(add.Name, out string? row) && Varies(index):
                    writer.Line(Lanes + ".AddAt(" + row + ", " + Ints(index) + ", " + Real(add.Value) + ");");
                    break;
                case CodeAssign { Index: { } index } assign when privates.TryGetValue(assign.Name, out string? row):
                    string element = row + "[" + printer.Print(index) + "]";
                    writer.Line(element + " = " + Keep(mask, Real(assign.Value), element) + ";");
                    break;
                case CodeAddTo { Index: { } index } add when privates.TryGetValue(add.Name, out string? row):
                    writer.Line(Update(row + "[" + printer.Print(index) + "]", add.Value, mask) + ShareNote(add.Value));
                    break;
                case CodeAddTo { Index: { } index } add:
                    writer.Line(sums[add.Name] + "[" + printer.Print(index) + "] += " + Summand(mask, add.Value) + ";");
                    break;
                case CodeFor loop when mask is null && RowLanes.IsRunningSum(loop, locals) is { } sum && DotCall(loop, sum) is { } dot:
                    nextPartial += 4;  // the names the partial sums would have had
                    GradientEmitter.WriteLoopComments(writer, loop);
                    GradientEmitter.WriteLoopAsALine(writer, printer, loop, sum, "one Lanes.Dot call: the same four partial sums");
                    writer.Line(sum.Name + " += " + dot + ";");
                    break;
                case CodeFor loop when RowLanes.IsRunningSum(loop, locals) is { } sum:
                    RunningSum(loop, sum);
                    break;
                case CodeFor loop when mask is null && (lastRows is not null || KeptIn(loop).Count == 0) && RowLaneDots.Find(loop, privates.ContainsKey, IsShared, Varies, locals) is { } dots:
                    // A loop with kept updates keeps them (the case below); the rest goes through every case again.
                    LayerDotsCall(loop, dots);
                    Print(dots.Rest, mask);
                    break;
                case CodeFor loop when mask is null && lastRows is null && KeptIn(loop) is { Count: > 0 } kept:
                    Keep(loop, kept);
                    Statement(WithoutKept(loop, kept), mask);
                    break;
                case CodeFor loop when mask is null && AddScaledCalls(loop) is { } calls:
                    GradientEmitter.WriteLoopComments(writer, loop);
                    foreach ((AddScaledCall update, string call) in calls)
                    {
                        GradientEmitter.WriteLoopAsALine(writer, printer, loop, update.Add, "one Lanes.AddScaled call: the same operations, element by element");
                        writer.Line(call + ";");
                    }

                    break;
                case CodeFor loop when mask is null && RowLaneProducts.Find(loop, privates.ContainsKey, IsShared, Varies) is { } hoisted:
                    TransposedProducts(loop, hoisted);
                    Loop(hoisted.Rest, mask);
                    break;
                case CodeFor loop:
                    Loop(loop, mask);
                    break;
                case CodeIf branch when !Varies(branch.Condition):
                    writer.Line("if (" + printer.Print(branch.Condition) + ")");
                    writer.Open();
                    Block(branch.Then, mask);
                    writer.Close();
                    if (branch.Else.Count > 0)
                    {
                        writer.Line("else");
                        writer.Open();
                        Block(branch.Else, mask);
                        writer.Close();
                    }

                    break;
                case CodeIf branch:
                    string name = lanes.Masks[nextMask++];
                    string condition = Mask(branch.Condition);
                    writer.Line("// if (" + printer.Print(branch.Condition) + "), row by row: " + name + " holds the rows where it holds.");
                    writer.Line(vectorType + " " + name + " = " + (mask is null ? condition : mask + " & " + condition) + ";");
                    Masked(name, branch.Then);
                    if (branch.Else.Count > 0)
                    {
                        writer.Line("// else: the other rows.");
                        writer.Line(name + " = " + (mask is null ? "~" + name : mask + " & ~" + name) + ";");  // the enclosing rows where it does not hold
                        Masked(name, branch.Else);
                    }

                    break;
                case CodeTiledDot dot:
                    RowTileEmitter.WriteDotComment(writer, printer, dot);
                    writer.Line(dot.Sum.Name + " += " + Read(dot.Span, dot.Index) + ";");
                    break;
                case CodeDeferredUpdate update:
                    RowTileEmitter.WriteUpdateComment(writer, printer, update);
                    string stride = Stride(update.Index);
                    writer.Line(stride == "1"
                        ? Lanes + ".Store(" + update.Span + ", " + Start(update.Index) + ", " + Real(update.Scale) + ");"
                        : Lanes + ".Scatter(" + update.Span + ", " + Start(update.Index) + ", " + stride + ", " + Real(update.Scale) + ");");
                    break;
                case CodeTapePush { Value.Kind: ValueKind.Bool } push:
                    Push(Vector + ".ConditionalSelect(" + Mask(push.Value) + ", " + Vector + ".Create(" + printer.Real.Literal(1.0) + "), " + vectorType + ".Zero)");
                    break;
                case CodeTapePush { Value.Kind: ValueKind.Int } push:
                    // The same int for every row: one value per group.
                    writer.Line(printer.TapeName + ".Push(" + printer.Print(push.Value) + ");");
                    break;
                case CodeTapePush push:
                    Push(Real(push.Value));
                    break;
                default:
                    throw new System.InvalidOperationException("RowLanes accepted a statement the row lane printer cannot print: " + statement);
            }
        }

        private void Loop(CodeFor loop, string? mask)
        {
            writer.Line(Header(loop));
            writer.Open();
            blockLoop = depth == 1 && ReadsBlocks(loop) ? loop : null;
            Block(loop.Body, mask);
            writer.Close();
        }

        /// <summary>Whether the loop's own statements may read the rows' blocks: it counts over a row's elements as <see cref="RowBlocks"/> requires.</summary>
        private bool ReadsBlocks(CodeFor loop) => lanes.Blocks.Count > 0 && RowBlocks.Columns(loop) is not null;

        /// <summary><c>for (int c = start; c &lt; end; c++)</c>, or counting down to <c>c &gt;= end</c>.</summary>
        private string Header(CodeFor loop)
        {
            string c = loop.Counter;
            string start = printer.Print(IntegerFolding.Fold(loop.Start));
            string end = printer.Print(IntegerFolding.Fold(loop.End));
            return loop.Descending ? "for (int " + c + " = " + start + "; " + c + " >= " + end + "; " + c + "--)" : "for (int " + c + " = " + start + "; " + c + " < " + end + "; " + c + "++)";
        }

        /// <summary>The updates <see cref="RowLaneProducts"/> takes out of <paramref name="loop"/>, as one call before it.</summary>
        private void TransposedProducts(CodeFor loop, HoistedProducts hoisted)
        {
            string c = loop.Counter;
            string header = Header(loop);
            if (hoisted.InnerRemoved)
            {
                GradientEmitter.WriteLoopComments(writer, hoisted.Inner);
            }

            writer.Line("// " + header + " " + GradientEmitter.LoopAsText(printer, hoisted.Inner, hoisted.Update.Add));
            writer.Line("//   (taken out of the loop below, where " + printer.Print(hoisted.Update.Arguments[2]) + " is " + hoisted.Scales + "[" + c + "] and nothing else reads or writes "
                + hoisted.Destination + ": each element adds the same products in the same order of " + c + ", in a register)");
            writer.Line(Lanes + ".AddTransposedProducts(" + privates[hoisted.Destination] + ", " + printer.Print(hoisted.DestinationStart) + ", " + ReadOnly(privates[hoisted.Scales]) + ", "
                + printer.Print(IntegerFolding.Fold(hoisted.First)) + ", " + (hoisted.Step < 0 ? "-1" : "1") + ", " + printer.Print(IntegerFolding.Fold(hoisted.Iterations)) + ", "
                + hoisted.Matrix + ", " + printer.Print(hoisted.MatrixStart) + ", " + printer.Print(hoisted.RowStride) + ", " + printer.Print(hoisted.Count) + ");");
        }

        /// <summary>The dots <see cref="RowLaneDots"/> takes out of <paramref name="loop"/>, as one call before it.</summary>
        private void LayerDotsCall(CodeFor loop, LayerDots dots)
        {
            nextPartial += 4;  // the names the inner loop's partial sums would have had
            string c = loop.Counter;
            writer.Line("// " + Header(loop) + " " + GradientEmitter.LoopAsText(printer, dots.Inner, dots.Sum));
            writer.Line("//   (one Lanes.Dots call before the loop: each " + c + "'s sum in " + dots.Destination + "[" + c + "], in Lanes.Dot's four partial sums; the loop adds it where its inner loop was)");
            writer.Line(Lanes + ".Dots(" + privates[dots.Destination] + ", " + printer.Print(IntegerFolding.Fold(dots.First)) + ", " + (dots.Step < 0 ? "-1" : "1") + ", "
                + printer.Print(IntegerFolding.Fold(dots.Iterations)) + ", " + dots.Matrix + ", " + printer.Print(FoldedSums(dots.MatrixStart)) + ", " + printer.Print(FoldedSums(dots.RowStride)) + ", "
                + ReadOnly(privates[dots.Vector]) + ", " + printer.Print(dots.VectorStart) + ", " + printer.Print(dots.Count) + ");");
        }

        /// <summary><paramref name="index"/> with every integer sum in it folded (<c>(k - 1 - 0) * h</c> is <c>(k - 1) * h</c>).</summary>
        private static Expr FoldedSums(Expr index) => ExprRewriter.Rewrite(index, IntegerFolding.Fold);

        /// <summary>The updates of <paramref name="loop"/>'s inner loops kept for the tile (<see cref="CodeRowLanes.Kept"/>).</summary>
        private List<(KeptProducts Kept, CodeFor Inner)> KeptIn(CodeFor loop) =>
            lanes.Kept.Where(k => k.Counter == loop.Counter)
                .SelectMany(k => loop.Body.OfType<CodeFor>().Where(inner => inner.Body.Contains(k.Update)).Take(1).Select(inner => (k, inner)))
                .ToList();

        /// <summary>This group's scales and sources of the kept updates, copied to the group's place before the loop.</summary>
        private void Keep(CodeFor loop, List<(KeptProducts Kept, CodeFor Inner)> kept)
        {
            string group = lanes.KeptGroups + " + " + Group(printer, lanes, single);
            foreach ((KeptProducts k, CodeFor inner) in kept)
            {
                writer.Line("// " + Header(loop) + " " + GradientEmitter.LoopAsText(printer, inner, k.Update));
                writer.Line("//   (kept: its scale is " + k.Scales + "[" + loop.Counter + "] as the loop starts and "
                    + k.Source + " does not change in it; Lanes.AddKeptProducts adds the kept groups' products after the tiles' groups, each element's in the same order)");
                writer.Line(Lanes + ".Keep(" + ReadOnly(privates[k.Scales]) + ", " + printer.Print(IntegerFolding.Fold(k.Lowest)) + ", " + printer.Print(IntegerFolding.Fold(k.Rows)) + ", " + k.ScalesKept + ", " + group + ");");
                writer.Line(Lanes + ".Keep(" + ReadOnly(privates[k.Source]) + ", " + printer.Print(IntegerFolding.Fold(k.SourceStart)) + ", " + printer.Print(IntegerFolding.Fold(k.Count)) + ", " + k.SourcesKept + ", " + group + ");");
            }
        }

        /// <summary><paramref name="loop"/> without the kept updates; an inner loop left with nothing to run leaves its comments.</summary>
        private static CodeFor WithoutKept(CodeFor loop, List<(KeptProducts Kept, CodeFor Inner)> kept)
        {
            var updates = new HashSet<CodeStmt>(kept.Select(k => (CodeStmt)k.Kept.Update));
            IEnumerable<CodeStmt> body = loop.Body.SelectMany(statement =>
            {
                if (statement is not CodeFor inner || !inner.Body.Any(updates.Contains))
                {
                    return new[] { statement };
                }

                List<CodeStmt> rest = inner.Body.Where(s => !updates.Contains(s)).ToList();
                return rest.Any(s => s is not (CodeComment or CodeBlankLine)) ? new CodeStmt[] { inner with { Body = rest.ToEquatableArray() } } : rest.ToArray();
            });
            return loop with { Body = body.ToEquatableArray() };
        }

        /// <summary>A saved value: onto the tape, or at its place in the saved row of the loop being printed.</summary>
        private void Push(string value)
        {
            writer.Line(saving is { Pushing: true } s
                ? s.Row.Lanes + "[" + SavedIndex(s.Row, s.Counter, savedOperations++) + "] = " + value + ";"
                : printer.TapeName + ".Push(" + value + ");");
        }

        /// <summary>A saved value read back: from the tape, or from its place in the saved row (the pops of an iteration take its pushes last first).</summary>
        private string Pop() => saving is { Pushing: false } s
            ? s.Row.Lanes + "[" + SavedIndex(s.Row, s.Counter, s.Row.Pushes - 1 - savedOperations++) + "]"
            : printer.TapeName + (printer.Real.Precision == Model.Precision.Single ? ".PopSingleLanes()" : ".PopLanes()");

        /// <summary><c>(c - lower) * pushes + q</c>: value q of the iteration at counter value c.</summary>
        private string SavedIndex(SavedRow row, string counter, int q)
        {
            Expr index = AffineIndex.Add(
                AffineIndex.Multiply(AffineIndex.Subtract(new Variable(counter, ValueKind.Int), row.Lower), new IntConstant(row.Pushes)),
                new IntConstant(q));
            return printer.Print(index);
        }

        /// <summary>
        /// The <c>Lanes.AddScaled</c> calls replacing a loop of updates <c>t[p + j] += c * u[q + j]</c> (<see cref="KernelCalls.AddScaled"/>),
        /// or null: t a private row or a sum (only a private row in the last group, where a sum's lanes past the last row
        /// must stay as they are), u a private row (another) or an array the rows share, c and the offsets the same for
        /// the loop's elements, the offsets the same for every row.
        /// </summary>
        private List<(AddScaledCall Update, string Call)>? AddScaledCalls(CodeFor loop)
        {
            if (KernelCalls.AddScaled(loop) is not { } updates)
            {
                return null;
            }

            var calls = new List<(AddScaledCall, string)>();
            foreach (AddScaledCall update in updates)
            {
                IReadOnlyList<Expr> a = update.Arguments;  // target, its offset, scale, source, its offset, count
                string target = update.Add.Name;
                string source = ((Variable)a[3]).Name;
                string? targetLanes = privates.TryGetValue(target, out string? row) ? row : sums.TryGetValue(target, out string? sum) && lastRows is null ? sum : null;
                string? sourceText = privates.TryGetValue(source, out string? sourceRow) ? ReadOnly(sourceRow) : IsShared(source) ? source : null;
                if (targetLanes is null || sourceText is null || Varies(a[1]) || Varies(a[4]) || Varies(a[5]))
                {
                    return null;
                }

                calls.Add((update, Lanes + ".AddScaled(" + targetLanes + ", " + printer.Print(a[1]) + ", " + Real(a[2]) + ", " + sourceText + ", " + printer.Print(a[4]) + ", " + printer.Print(a[5]) + ")"));
            }

            return calls;
        }

        /// <summary>
        /// The <c>Lanes.Dot</c> call replacing a running sum <c>s += u[p + j] * v[q + j]</c> (<see cref="KernelCalls.DotArguments"/>), or
        /// null: u and v private rows or arrays the rows share (one of them private), the offsets the same for every row.
        /// A shared array is passed first: its elements broadcast times the lanes are the loop's products, which a
        /// multiplication gives the same whichever operand comes first.
        /// </summary>
        private string? DotCall(CodeFor loop, CodeAddTo sum)
        {
            if (KernelCalls.DotArguments(sum, loop) is not { } a || Varies(a[1]) || Varies(a[3]) || Varies(a[4]))
            {
                return null;
            }

            string left = ((Variable)a[0]).Name;
            string right = ((Variable)a[2]).Name;
            (string Text, string Offset)? Operand(string array, Expr offset) =>
                privates.TryGetValue(array, out string? row) ? (ReadOnly(row), printer.Print(offset)) : IsShared(array) ? (array, printer.Print(offset)) : null;
            if (Operand(left, a[1]) is not { } first || Operand(right, a[3]) is not { } second || (!privates.ContainsKey(left) && !privates.ContainsKey(right)))
            {
                return null;
            }

            if (!privates.ContainsKey(right))
            {
                (first, second) = (second, first);
            }

            return Lanes + ".Dot(" + first.Text + ", " + first.Offset + ", " + second.Text + ", " + second.Offset + ", " + printer.Print(a[4]) + ")";
        }

        /// <summary>What a call that only reads <paramref name="span"/> is passed: its read-only view when it has one.</summary>
        private string ReadOnly(string span)
        {
            if (!views.TryGetValue(span, out string? view))
            {
                return span;
            }

            viewsRead.Add(span);
            return view;
        }

        /// <summary>An array the rows share: neither a private row, a sum nor the tape, so the loop reads it as written.</summary>
        private bool IsShared(string array) => !privates.ContainsKey(array) && !sums.ContainsKey(array) && !locals.Contains(array) && !copies.Contains(array);

        /// <summary>A loop that only sums into a real local, as four partial sums over the counter's steps of four (then one at a time), added in a fixed order.</summary>
        private void RunningSum(CodeFor loop, CodeAddTo sum)
        {
            string j = loop.Counter;
            string[] parts = Enumerable.Range(0, 4).Select(_ => lanes.Partials[nextPartial++]).ToArray();
            string start = printer.Print(IntegerFolding.Fold(loop.Start));
            string end = printer.Print(IntegerFolding.Fold(loop.End));
            foreach (CodeStmt comment in loop.Body.Where(s => s is CodeComment))
            {
                writer.Line("// " + ((CodeComment)comment).Text);
            }

            writer.Line("// for (int " + j + " = " + start + "; " + j + " < " + end + "; " + j + "++) " + sum.Name + " += " + printer.Print(sum.Value) + ";  in four partial sums added at the end (ExactSums = true keeps the loop)");
            writer.Open();
            foreach (string part in parts)
            {
                writer.Line(vectorType + " " + part + " = " + negativeZero + ";");
            }

            writer.Line("int " + j + " = " + start + ";");
            writer.Line("for (; (long)" + j + " + 4 <= " + end + "; " + j + " += 4)");
            writer.Open();
            blockLoop = depth == 1 && ReadsBlocks(loop) ? loop : null;
            unrolled = true;
            for (int step = 0; step < 4; step++)
            {
                Expr shifted = step == 0 ? sum.Value : ExprRewriter.Rewrite(sum.Value, node => node is Variable v && v.Name == j ? new Binary(BinaryOperator.Add, v, new IntConstant(step), ValueKind.Int) : node);
                writer.Line(parts[step] + " += " + Real(shifted) + ";");
            }

            unrolled = false;
            writer.Close();
            writer.BlankLine();
            writer.Line("for (; " + j + " < " + end + "; " + j + "++)");
            writer.Open();
            writer.Line(parts[0] + " += " + Real(sum.Value) + ";");
            writer.Close();
            blockLoop = null;
            writer.Line(sum.Name + " += (" + parts[0] + " + " + parts[1] + ") + (" + parts[2] + " + " + parts[3] + ");");
            writer.Close();
        }

        /// <summary><c>target += value</c> in lanes (<c>-=</c> for a negated value), the old value kept where the mask is off.</summary>
        private string Update(string target, Expr value, string? mask)
        {
            (string op, Expr operand) = value is Unary { Operator: UnaryOperator.Negate } negated ? ("-", negated.Operand) : ("+", value);
            return mask is null
                ? target + " " + op + "= " + Real(operand) + ";"
                : target + " = " + Keep(mask, target + " " + op + " " + Operand(operand), target) + ";";
        }

        /// <summary>A branch's block for the rows of <paramref name="mask"/>: skipped when it holds for none of them.</summary>
        private void Masked(string mask, IReadOnlyList<CodeStmt> block)
        {
            writer.Line("if (" + Vector + ".ExtractMostSignificantBits(" + mask + ") != 0)");
            writer.Open();
            Block(block, mask);
            writer.Close();
        }

        /// <summary><paramref name="value"/> where <paramref name="mask"/> holds, <paramref name="old"/> elsewhere.</summary>
        private static string Keep(string? mask, string value, string old) =>
            mask is null ? value : Vector + ".ConditionalSelect(" + mask + ", " + value + ", " + old + ")";

        /// <summary>
        /// A sum's lanes: -0.0, which adding leaves every value as it is, in the lanes the mask leaves out, and in the last
        /// group in the lanes past its last row (<see cref="lastRows"/>), which repeat that row.
        /// </summary>
        private string Summand(string? mask, Expr value)
        {
            string? rows = mask is null ? lastRows : lastRows is null ? mask : "(" + mask + " & " + lastRows + ")";
            return rows is null ? Real(value) : Keep(rows, Real(value), negativeZero);
        }

        /// <summary><c>Lanes.LogSoftmax(zLanesRead, label)</c> or <c>Lanes.LogSumExp(zLanesRead)</c>, keeping the shares in <paramref name="shares"/> when given.</summary>
        private string SoftmaxCall(VectorCall call, string? shares) =>
            Lanes + (call.Function == VectorFunction.LogSoftmax ? ".LogSoftmax(" : ".LogSumExp(") + ReadOnly(privates[call.First])
            + (call.Index is { } label ? ", " + Ints(label) : string.Empty) + (shares is null ? string.Empty : ", " + shares) + ")";

        /// <summary>A trailing comment naming the exp a share stands for, when <paramref name="value"/> reads one.</summary>
        private string ShareNote(Expr value)
        {
            foreach (SoftmaxShares shares in lanes.Shares)
            {
                if (ExprRewriter.Contains(value, e => RowSoftmaxShares.IsShareRead(e, shares.Array, shares.LogSumExp, x => !Varies(x))))
                {
                    return "  // " + shares.Shares + "[j] is exp(" + shares.Array + "[j] - its log-sum-exp), kept by the call above";
                }
            }

            return string.Empty;
        }

        /// <summary>A real value in lanes.</summary>
        private string Real(Expr expr)
        {
            if (!Varies(expr))
            {
                return Vector + ".Create(" + printer.Print(expr) + ")";
            }

            return expr switch
            {
                Variable v => v.Name,
                ElementRead r when privates.TryGetValue(r.Array, out string? row) && Varies(r.Index) => Lanes + ".Pick(" + ReadOnly(row) + ", " + Ints(r.Index) + ")",
                ElementRead r when privates.TryGetValue(r.Array, out string? row) => row + "[" + printer.Print(r.Index) + "]",
                VectorCall { Function: VectorFunction.LogSumExp or VectorFunction.LogSoftmax } v => SoftmaxCall(v, shares: null),
                ElementRead r => Read(r.Array, r.Index),
                TapePop => Pop(),
                Binary b => Operand(b.Left) + " " + LaneLoopEmitter.Symbol(b.Operator) + " " + Operand(b.Right),
                Unary u => "-" + Operand(u.Operand),
                Call { First: Binary { Left: ElementRead r } } c when lanes.Shares.FirstOrDefault(s => RowSoftmaxShares.IsShareRead(c, s.Array, s.LogSumExp, e => !Varies(e))) is { } shares => shares.Shares + "[" + printer.Print(r.Index) + "]",
                Call { Function: MathFunction.Sigmoid or MathFunction.Softplus } c => "global::SymGrad.SymMath." + c.Function + "(" + Real(c.First) + ")",
                Call { Second: { } second } c => Vector + "." + c.Function + "(" + Real(c.First) + ", " + Real(second) + ")",
                Call c => LaneLoopEmitter.Function(c.Function) + "(" + Real(c.First) + ")",
                Select s when !Varies(s.Condition) => "(" + printer.Print(s.Condition) + " ? " + Unblocked(() => Real(s.WhenTrue)) + " : " + Unblocked(() => Real(s.WhenFalse)) + ")",
                Select s => Vector + ".ConditionalSelect(" + Mask(s.Condition) + ", " + Unblocked(() => Real(s.WhenTrue)) + ", " + Unblocked(() => Real(s.WhenFalse)) + ")",
                _ => throw new System.InvalidOperationException("RowLanes accepted an expression the row lane printer cannot print: " + expr),
            };
        }

        /// <summary>
        /// An int in lanes: a row int, an <c>int</c> element gathered per row, or + - * of those and shared ints. A
        /// <c>double</c> method's eight lanes are 64-bit, wrapped to 32 bits after each operation as C#'s <c>int</c>
        /// arithmetic wraps; a <c>float</c> method's sixteen are 32-bit and wrap by themselves.
        /// </summary>
        private string Ints(Expr expr) => expr switch
        {
            _ when !Varies(expr) => Vector + ".Create(" + (single ? "(int)(" : "(long)(") + printer.Print(expr) + "))",
            Variable v => v.Name,
            ElementRead r => Lanes + (single ? ".GatherSingleInts(" : ".GatherInts(") + r.Array + ", " + Start(r.Index) + ", " + Stride(r.Index) + RowsLeft() + ")",
            Binary b when single => "(" + Ints(b.Left) + " " + LaneLoopEmitter.Symbol(b.Operator) + " " + Ints(b.Right) + ")",
            Binary b => Lanes + ".WrapInts(" + Ints(b.Left) + " " + LaneLoopEmitter.Symbol(b.Operator) + " " + Ints(b.Right) + ")",
            _ => throw new System.InvalidOperationException("RowLanes accepted an int the row lane printer cannot print: " + expr),
        };

        /// <summary>An operand: in parentheses when it is itself an operation, which keeps the order of evaluation as written.</summary>
        private string Operand(Expr expr)
        {
            string text = Real(expr);
            return !Varies(expr) || expr is not (Binary or Unary) ? text : "(" + text + ")";
        }

        /// <summary>A condition as a lane mask: all bits set in the lanes where it holds.</summary>
        private string Mask(Expr condition)
        {
            if (condition is BoolConstant constant)
            {
                return vectorType + (constant.Value ? ".AllBitsSet" : ".Zero");
            }

            if (!Varies(condition))
            {
                return "(" + printer.Print(condition) + " ? " + vectorType + ".AllBitsSet : " + vectorType + ".Zero)";
            }

            return condition switch
            {
                Variable v => v.Name,
                TapePop => "~" + Vector + ".Equals(" + Pop() + ", " + vectorType + ".Zero)",
                Binary { Operator: BinaryOperator.NotEqual } b => "~" + Vector + ".Equals(" + Real(b.Left) + ", " + Real(b.Right) + ")",
                Binary { Operator: BinaryOperator.Less or BinaryOperator.LessOrEqual or BinaryOperator.Greater or BinaryOperator.GreaterOrEqual or BinaryOperator.Equal } b
                    => Vector + "." + Comparison(b.Operator) + "(" + Real(b.Left) + ", " + Real(b.Right) + ")",
                // A left that is the same for every row decides as in the loop: the right is computed only when it counts.
                Binary { Operator: BinaryOperator.And } b when !Varies(b.Left) => "(" + printer.Print(b.Left) + " ? " + Unblocked(() => Mask(b.Right)) + " : " + vectorType + ".Zero)",
                Binary { Operator: BinaryOperator.Or } b when !Varies(b.Left) => "(" + printer.Print(b.Left) + " ? " + vectorType + ".AllBitsSet : " + Unblocked(() => Mask(b.Right)) + ")",
                Binary { Operator: BinaryOperator.And or BinaryOperator.Or } b => "(" + Mask(b.Left) + (b.Operator == BinaryOperator.And ? " & " : " | ") + Unblocked(() => Mask(b.Right)) + ")",
                Binary { Operator: BinaryOperator.EagerAnd } b => "(" + Mask(b.Left) + " & " + Mask(b.Right) + ")",
                Binary { Operator: BinaryOperator.EagerOr } b => "(" + Mask(b.Left) + " | " + Mask(b.Right) + ")",
                Unary { Operator: UnaryOperator.Not } u => "~" + Mask(u.Operand),
                _ => throw new System.InvalidOperationException("RowLanes accepted a condition the row lane printer cannot print: " + condition),
            };
        }

        private static string Comparison(BinaryOperator op) => op switch
        {
            BinaryOperator.Less => "LessThan",
            BinaryOperator.LessOrEqual => "LessThanOrEqual",
            BinaryOperator.Greater => "GreaterThan",
            BinaryOperator.GreaterOrEqual => "GreaterThanOrEqual",
            _ => "Equals",
        };

        /// <summary>An element at an index affine in the row: a load at stride one, else a gather (in the last group, of its rows, the last repeated).</summary>
        private string Read(string array, Expr index)
        {
            if (BlockColumn(array, index) is { } column)
            {
                return column;
            }

            string stride = Stride(index);
            return stride == "1"
                ? Lanes + ".Load(" + ReadOnly(array) + ", " + Start(index) + RowsLeft() + ")"
                : Lanes + ".Gather(" + ReadOnly(array) + ", " + Start(index) + ", " + stride + RowsLeft() + ")";
        }

        /// <summary>
        /// The read <c>array[Base + c + d]</c> of a block as its vector <c>Read[c + d]</c>: c the counter of a loop over the
        /// row's elements (<see cref="RowBlocks"/>), d 0, or 1 to 3 in the steps of four of a running sum over c; else null.
        /// </summary>
        private string? BlockColumn(string array, Expr index)
        {
            if (blockLoop is null)
            {
                return null;
            }

            foreach (RowBlock block in lanes.Blocks)
            {
                if (block.Array != array || Stride(index) != printer.Print(block.Stride))
                {
                    continue;
                }

                if (blockLoop is not { } loop || RowBlocks.Columns(loop) is not { } columns || printer.Print(columns) != printer.Print(block.Stride)
                    || AffineIndex.Stride(index, loop.Counter) is not IntConstant { Value: 1 })
                {
                    continue;
                }

                string c = loop.Counter;
                string rest = printer.Print(AffineIndex.At(index, c, new IntConstant(0)));
                for (int d = 0; d <= (unrolled ? 3 : 0); d++)
                {
                    if (rest == printer.Print(AffineIndex.Add(block.Base, new IntConstant(d))))
                    {
                        return block.Read + "[" + (d == 0 ? c : c + " + " + d) + "]";
                    }
                }
            }

            return null;
        }

        /// <summary>The last group's count of rows as a read's last argument, or nothing in the groups of whole rows.</summary>
        private string RowsLeft() => lastRows is null ? string.Empty : ", " + lanes.RowsLeft;

        /// <summary>The index of lane 0: the row counter holds lane 0's row.</summary>
        private string Start(Expr index) => printer.Print(AffineIndex.Simplify(index));

        private string Stride(Expr index) => printer.Print(IntegerFolding.Fold(AffineIndex.Stride(index, counter)!));

        /// <summary>Whether a value may differ between the lanes' rows: it reads the row counter, a real local, a carry, a private array (not its length), a row int or the tape.</summary>
        private bool Varies(Expr expr) =>
            ExprRewriter.Contains(expr, e => e is TapePop)
            || ExprRewriter.VariablesAndArrays(RowLanes.WithoutLengths(expr)).Any(name => name == counter || locals.Contains(name) || copies.Contains(name) || privates.ContainsKey(name) || rowInts.Contains(name));
    }
}
