using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Emission;

/// <summary>
/// Prints row tiles (<c>Vectorization/RowTiling</c>): the pooled spans, then a <c>while</c> over tiles that computes
/// the tile's dot products (<c>Kernels.DotTile</c>), runs the loop over the tile's rows, and adds the tile's deferred
/// updates (<c>Kernels.AddScaledTile</c>). Each moved loop stays visible as a comment where it was.
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

        writer.Line("// Rows " + counter + " in tiles of Kernels.TileSize: " + string.Join("; ", moved) + " (matrix kernels; sums in a fixed order, ExactSums = true keeps the loops).");
        foreach ((string span, string buffer, Expr width) in tiles.Products.Select(p => (p.Span, p.Buffer, p.Width)).Concat(tiles.Updates.Select(u => (u.Span, u.Buffer, u.Width))))
        {
            string length = width is IntConstant { Value: 1 } ? "global::SymGrad.Kernels.TileSize" : "global::SymGrad.Kernels.TileSize * global::System.Math.Max(" + printer.Print(width) + ", 0)";
            writer.Line(real.Keyword + "[] " + buffer + " = " + real.Pool + ".Rent(" + length + ");");
            writer.Line(real.Span + " " + span + " = " + buffer + ";");
        }

        writer.Line("int " + tiles.TileStart + " = " + printer.Print(IntegerFolding.Fold(tiles.Start)) + ";");
        writer.Line("while (" + tiles.TileStart + " < " + end + ")");
        writer.Open();
        writer.Line("int " + tiles.TileEnd + " = global::SymGrad.Kernels.TileEnd(" + tiles.TileStart + ", " + end + ");");
        string rows = tiles.TileEnd + " - " + tiles.TileStart;
        foreach (TileProducts p in tiles.Products)
        {
            writer.Line(DotTileMethod + "(" + string.Join(", ", p.Left, printer.Print(p.LeftStart), printer.Print(p.LeftStride), printer.Print(p.Width), p.Right, printer.Print(p.RightStart), printer.Print(p.RightStride), rows, printer.Print(p.Length), p.Span) + ");");
        }

        GradientEmitter.WriteBlock(writer, printer, new CodeStmt[] { tiles.Lanes ?? (CodeStmt)tiles.Loop });
        foreach (TileUpdates u in tiles.Updates)
        {
            writer.Line(AddScaledTileMethod + "(" + string.Join(", ", u.Destination, printer.Print(u.DestinationStart), printer.Print(u.DestinationStride), printer.Print(u.Width), u.Span, u.Source, printer.Print(u.SourceStart), printer.Print(u.SourceStride), rows, printer.Print(u.Length)) + ");");
        }

        writer.Line(tiles.TileStart + " = " + tiles.TileEnd + ";");
        writer.Close();
        foreach (string buffer in tiles.Products.Select(p => p.Buffer).Concat(tiles.Updates.Select(u => u.Buffer)))
        {
            writer.Line(real.Pool + ".Return(" + buffer + ");");
        }
    }

    public static void WriteDot(IndentedWriter writer, ExpressionPrinter printer, CodeTiledDot dot)
    {
        GradientEmitter.WriteLoopComments(writer, dot.Replaced);
        GradientEmitter.WriteLoopAsALine(writer, printer, dot.Replaced, dot.Sum, "this row's product, computed for the tile");
        writer.Line(dot.Sum.Name + " += " + dot.Span + "[" + printer.Print(dot.Index) + "];");
    }

    public static void WriteUpdate(IndentedWriter writer, ExpressionPrinter printer, CodeDeferredUpdate update)
    {
        if (update.First)
        {
            GradientEmitter.WriteLoopComments(writer, update.Replaced);
        }

        GradientEmitter.WriteLoopAsALine(writer, printer, update.Replaced, update.Update, "added for the whole tile after it");
        writer.Line(update.Span + "[" + printer.Print(update.Index) + "] = " + printer.Print(update.Scale) + ";");
    }
}
