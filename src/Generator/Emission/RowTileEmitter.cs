using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Prints row tiles (<c>Vectorization/RowTiling</c>): the pooled spans, then a <c>while</c> over tiles (from the top
/// for a loop counted down) that computes the tile's dot products (<c>Kernels.DotTile</c>), runs the loop over the
/// tile's rows, and adds the tile's deferred updates (<c>Kernels.AddScaledTile</c>). Each moved loop stays visible as a comment where it was.
/// </summary>
internal static class RowTileEmitter
{
    public const string DotTileMethod = "global::SymGrad.Kernels.DotTile";

    public const string AddScaledTileMethod = "global::SymGrad.Kernels.AddScaledTile";

    public static void Write(IndentedWriter writer, ExpressionPrinter printer, CodeRowTiles tiles)
    {
        RealText real = printer.Real;
        string counter = tiles.Loop.Counter;
        string end = printer.Print(IntegerFolding.Fold(tiles.End));
        var moved = new List<string>();
        if (tiles.Products.Count > 0)
        {
            moved.Add("its dot products (" + string.Join(", ", tiles.Products.Select(p => p.Left + " by " + p.Right)) + ") are computed before it");
        }

        if (tiles.Updates.Count > 0)
        {
            moved.Add("its updates of " + string.Join(", ", tiles.Updates.Select(u => u.Destination).Distinct()) + " are added after it");
        }

        string order = tiles.Descending ? ", from the top" : string.Empty;
        bool single = real.Precision == Model.Precision.Single;
        bool longTiles = single && IsLong(tiles);
        string size = longTiles ? "LongTileSize" : "TileSize";
        writer.Line(tiles.LanesOnly
            ? "// Rows " + counter + " in tiles of Kernels." + size + order + " for their row lanes (no kernel is moved out of the loop)."
            : "// Rows " + counter + " in tiles of Kernels." + size + order + ": " + string.Join("; ", moved) + " (matrix kernels; sums in a fixed order, ExactSums = true keeps the loops).");
        List<TileSpan> rented = Rented(tiles);
        if (tiles.Hoisted.Count > 0)
        {
            writer.Line("// Rented once here for the row tiles inside (" + string.Join(", ", tiles.Hoisted.Select(h => h.Span)) + ").");
        }

        foreach (TileSpan pooled in rented)
        {
            // A float span hoisted from a tile inside may be a long tile's: it is rented for the longer tile either way.
            string tileRows = "global::SymGrad.Kernels." + (longTiles || (single && tiles.Hoisted.Contains(pooled)) ? "LongTileSize" : "TileSize");
            string length = pooled.Width is IntConstant { Value: 1 } ? tileRows : tileRows + " * global::System.Math.Max(" + printer.Print(pooled.Width) + ", 0)";
            writer.Line(real.Keyword + "[] " + pooled.Buffer + " = " + real.Pool + ".Rent(" + length + ");");
            writer.Line(real.Span + " " + pooled.Span + " = " + pooled.Buffer + ";");
        }

        CodeRowLanes? rowLanes = tiles.RowLanes;
        if (rowLanes is null)
        {
            WriteTiles(writer, printer, tiles, longTiles, end, () => GradientEmitter.WriteBlock(writer, printer, new CodeStmt[] { (CodeStmt?)tiles.Lanes ?? tiles.Loop }));
        }
        else
        {
            // The number of rows (row lanes count up: RowLanes.Plan refuses a loop counting down).
            Expr first = IntegerFolding.Fold(tiles.Start);
            string rows = first is IntConstant { Value: 0 } ? end : "(long)(" + end + ") - (" + printer.Print(first) + ")";
            RowLaneEmitter.WriteSwitch(writer, printer, rowLanes, rows);

            // The tiles twice: with the rows in lanes, in a function of its own where the gradient collects them, so that
            // a call whose rows run one at a time (fewer than a group) carries none of the lanes' buffers and locals.
            writer.Line("if (" + rowLanes.Switch + ")");
            writer.Open();
            writer.Block(
                "RowLaneTiles",
                "The tiles with their rows in lanes, their buffers rented and returned",
                block =>
                {
                    RowLaneEmitter.PrintedBodies laneBodies = RowLaneEmitter.WriteRent(block, printer, rowLanes, rows);
                    WriteTiles(block, printer, tiles, longTiles, end, () => RowLaneEmitter.Write(block, printer, rowLanes, laneBodies));
                    RowLaneEmitter.WriteReturn(block, printer, rowLanes, laneBodies);
                },
                "so that a call whose rows run one at a time (below) carries none of the lanes' buffers and locals");
            writer.Close();
            writer.Line("else");
            writer.Open();
            WriteTiles(writer, printer, tiles, longTiles, end, () => RowLaneEmitter.WriteOneAtATime(writer, printer, rowLanes));
            writer.Close();
        }

        foreach (TileSpan pooled in rented)
        {
            writer.Line(real.Pool + ".Return(" + pooled.Buffer + ");");
        }
    }

    /// <summary>
    /// The <c>while</c> over the tiles: each tile's dot products, its rows as <paramref name="writeRows"/> prints them,
    /// and its deferred updates.
    /// </summary>
    private static void WriteTiles(IndentedWriter writer, ExpressionPrinter printer, CodeRowTiles tiles, bool longTiles, string end, System.Action writeRows)
    {
        string rows;
        if (tiles.Descending)
        {
            // Counted down: tiles from the top, each run from its highest row to its lowest.
            writer.Line("int " + tiles.TileEnd + " = " + printer.Print(IntegerFolding.Fold(tiles.Start)) + ";");
            writer.Line("while (" + tiles.TileEnd + " >= " + end + ")");
            writer.Open();
            writer.Line("int " + tiles.TileStart + " = global::SymGrad.Kernels." + (longTiles ? "LongTileBottom(" : "TileBottom(") + tiles.TileEnd + ", " + end + ");");
            rows = tiles.TileEnd + " - " + tiles.TileStart + " + 1";
        }
        else
        {
            writer.Line("int " + tiles.TileStart + " = " + printer.Print(IntegerFolding.Fold(tiles.Start)) + ";");
            writer.Line("while (" + tiles.TileStart + " < " + end + ")");
            writer.Open();
            writer.Line("int " + tiles.TileEnd + " = global::SymGrad.Kernels." + (longTiles ? "LongTileEnd(" : "TileEnd(") + tiles.TileStart + ", " + end + ");");
            rows = tiles.TileEnd + " - " + tiles.TileStart;
        }

        foreach (TileProducts p in tiles.Products)
        {
            writer.Line((p.Transposed ? DotTileMethod + "Transposed" : DotTileMethod) + "(" + string.Join(", ", p.Left, printer.Print(p.LeftStart), printer.Print(p.LeftStride), printer.Print(p.Width), p.Right, printer.Print(p.RightStart), printer.Print(p.RightStride), rows, printer.Print(p.Length), p.Span) + ");");
        }

        writeRows();
        foreach (TileUpdates u in tiles.Updates)
        {
            (string destinations, string sources) = u.RowsAreDestinations ? (rows, "1") : (printer.Print(u.Width), rows);
            writer.Line((u.Transposed ? AddScaledTileMethod + "Transposed" : AddScaledTileMethod) + "(" + string.Join(", ", u.Destination, printer.Print(u.DestinationStart), printer.Print(u.DestinationStride), destinations, u.Span, u.Source, printer.Print(u.SourceStart), printer.Print(u.SourceStride), sources, printer.Print(u.Length)) + ");");
        }

        writer.Line(tiles.Descending ? tiles.TileEnd + " = " + tiles.TileStart + " - 1;" : tiles.TileStart + " = " + tiles.TileEnd + ";");
        writer.Close();
    }

    /// <summary>
    /// Whether <c>float</c> tiles run <c>Kernels.LongTileSize</c> rows: every product and update is one value per row in
    /// the plain layout and the row lanes keep no products (their kept rows and the flush count groups of <c>Kernels.TileSize</c> rows).
    /// A <c>double</c> tile keeps 32 rows: 64 rows of 100 elements (51 KB) leave the L1 cache between the products and
    /// the update, and the <c>double</c> logistic gradient (10,000, 100) took 240 to 258 µs against 202 µs.
    /// </summary>
    private static bool IsLong(CodeRowTiles tiles) =>
        tiles.Products.All(p => !p.Transposed && p.Width is IntConstant { Value: 1 })
        && tiles.Updates.All(u => !u.Transposed && u.Width is IntConstant { Value: 1 })
        && (tiles.RowLanes is null || tiles.RowLanes.Kept.Count == 0);

    /// <summary>The spans these tiles rent: their own, unless an enclosing tile rents them, and the ones hoisted from tiles inside.</summary>
    private static List<TileSpan> Rented(CodeRowTiles tiles) =>
        tiles.Products.Where(p => !p.RentedOutside).Select(p => new TileSpan(p.Span, p.Buffer, p.Width))
            .Concat(tiles.Updates.Where(u => !u.RentedOutside).Select(u => new TileSpan(u.Span, u.Buffer, u.Width)))
            .Concat(tiles.Hoisted)
            .ToList();

    public static void WriteDot(IndentedWriter writer, ExpressionPrinter printer, CodeTiledDot dot)
    {
        WriteDotComment(writer, printer, dot);
        writer.Line(dot.Sum.Name + " += " + dot.Span + "[" + printer.Print(dot.Index) + "];");
    }

    /// <summary>The comments a tiled dot product leaves where its loop was.</summary>
    public static void WriteDotComment(IndentedWriter writer, ExpressionPrinter printer, CodeTiledDot dot)
    {
        GradientEmitter.WriteLoopComments(writer, dot.Replaced);
        GradientEmitter.WriteLoopAsALine(writer, printer, dot.Replaced, dot.Sum, "this row's product, computed for the tile");
    }

    /// <summary>The comments a deferred update leaves where its loop was.</summary>
    public static void WriteUpdateComment(IndentedWriter writer, ExpressionPrinter printer, CodeDeferredUpdate update)
    {
        if (update.First)
        {
            GradientEmitter.WriteLoopComments(writer, update.Replaced);
        }

        GradientEmitter.WriteLoopAsALine(writer, printer, update.Replaced, update.Update, "added for the whole tile after it");
    }

    public static void WriteUpdate(IndentedWriter writer, ExpressionPrinter printer, CodeDeferredUpdate update)
    {
        WriteUpdateComment(writer, printer, update);
        writer.Line(update.Span + "[" + printer.Print(update.Index) + "] = " + printer.Print(update.Scale) + ";");
    }
}
