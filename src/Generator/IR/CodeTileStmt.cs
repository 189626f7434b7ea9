using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>
/// A loop run in row tiles (<c>Vectorization/RowTiling</c>) from <see cref="Start"/> to <see cref="End"/>, the loop's
/// bounds: <see cref="Loop"/> (its body rewritten) runs over each tile of <c>Kernels.TileSize</c> rows;
/// <see cref="Products"/> are computed before each tile and <see cref="Updates"/> added after it. An ascending loop
/// runs rows <c>[TileStart, TileEnd)</c>, tiles from the bottom; a descending one (<see cref="Descending"/>) rows
/// <c>TileEnd</c> down to <c>TileStart</c>, tiles from the top, so its rows keep their order. Either way
/// <see cref="TileStart"/> is the tile's lowest row, which the kernels' layouts count from.
/// </summary>
internal sealed record CodeRowTiles(CodeFor Loop, Expr Start, Expr End, string TileStart, string TileEnd, EquatableArray<TileProducts> Products, EquatableArray<TileUpdates> Updates) : CodeStmt
{
    /// <summary>The tile's loop as an element-wise loop (<c>Vectorization/ElementwiseLoops</c>), printed instead of <see cref="Loop"/>; null when it is not one.</summary>
    public CodeLaneLoop? Lanes { get; init; }

    /// <summary>The tile's loop run several rows at a time (<c>Vectorization/RowLanes</c>), printed instead of <see cref="Loop"/>; null when it does not qualify.</summary>
    public CodeRowLanes? RowLanes { get; init; }

    /// <summary>
    /// Whether the tiles hold no products or updates and exist for row lanes alone (a per-row body such as a mixture's
    /// components): when the rows do not qualify, <c>Vectorization/ElementwiseLoops</c> puts the loop back as it was.
    /// </summary>
    public bool LanesOnly { get; init; }

    /// <summary>Whether the loop counts down: <see cref="TileEnd"/> is then the tile's highest row, not one past it.</summary>
    public bool Descending => Loop.Descending;

    /// <summary>
    /// The spans of row tiles nested in <see cref="Loop"/> whose size does not change (a constant number of products
    /// per row), rented once before these tiles instead of once per row; those tiles mark them <c>RentedOutside</c>.
    /// </summary>
    public EquatableArray<TileSpan> Hoisted { get; init; } = EquatableArray<TileSpan>.Empty;
}

/// <summary>A pooled span of a row tile: <see cref="Width"/> values per row of a tile of <c>Kernels.TileSize</c> rows.</summary>
internal sealed record TileSpan(string Span, string Buffer, Expr Width);

/// <summary>
/// One <c>Kernels.DotTile</c> call per tile into the pooled span <see cref="Span"/> (<see cref="Width"/> products per
/// row of the tile): left rows of <see cref="Left"/> at <c>LeftStart + r * LeftStride</c> (r below Width), right rows
/// of <see cref="Right"/> at <c>RightStart + (i - TileStart) * RightStride</c>, where RightStart is the offset at
/// the tile's first row.
/// </summary>
internal sealed record TileProducts(string Span, string Buffer, Expr Width, string Left, Expr LeftStart, Expr LeftStride, string Right, Expr RightStart, Expr RightStride, Expr Length)
{
    /// <summary>Whether the span is laid out left row by left row, <c>Kernels.TileSize</c> apart (<c>Kernels.DotTileTransposed</c>): the row lanes' layout, where a tile's rows of one product are contiguous.</summary>
    public bool Transposed { get; init; }

    /// <summary>Whether an enclosing row tile rents the span (<see cref="CodeRowTiles.Hoisted"/>).</summary>
    public bool RentedOutside { get; init; }
}

/// <summary>
/// One <c>Kernels.AddScaledTile</c> call per tile from the pooled span of scales <see cref="Span"/>, the same layout:
/// <see cref="Width"/> destination rows from <see cref="DestinationStart"/>, one source row per row of the tile from
/// <see cref="SourceStart"/> (at the tile's lowest row). With <see cref="RowsAreDestinations"/> it is the other way
/// round: one destination row per row of the tile from DestinationStart (at its lowest row), and one source row.
/// </summary>
internal sealed record TileUpdates(string Span, string Buffer, Expr Width, string Destination, Expr DestinationStart, Expr DestinationStride, string Source, Expr SourceStart, Expr SourceStride, Expr Length, bool RowsAreDestinations = false)
{
    /// <summary>Whether the scales are laid out destination row by destination row, <c>Kernels.TileSize</c> apart (<c>Kernels.AddScaledTileTransposed</c>): the row lanes' layout.</summary>
    public bool Transposed { get; init; }

    /// <summary>Whether an enclosing row tile rents the span (<see cref="CodeRowTiles.Hoisted"/>).</summary>
    public bool RentedOutside { get; init; }
}

/// <summary>In a tiled loop, <c>Sum.Name += Span[Index];</c>: the dot product <see cref="Replaced"/> summed, computed for the whole tile.</summary>
internal sealed record CodeTiledDot(CodeFor Replaced, CodeAddTo Sum, string Span, Expr Index) : CodeStmt;

/// <summary>
/// In a tiled loop, <c>Span[Index] = Scale;</c>: the update <see cref="Update"/> of the loop <see cref="Replaced"/>, added
/// after the tile. <see cref="First"/> marks the loop's first deferred update, which prints the loop's comments.
/// </summary>
internal sealed record CodeDeferredUpdate(CodeFor Replaced, CodeAddTo Update, string Span, Expr Index, Expr Scale, bool First) : CodeStmt;

/// <summary>
/// A loop that only maps elements (<c>Vectorization/ElementwiseLoops</c>), printed as a loop over <c>Lanes.Count</c>
/// elements at a time (<c>Vector512&lt;double&gt;</c> values for the locals of <see cref="Loop"/>'s body) and the
/// loop itself for the rest. <see cref="Sums"/> are the body's sums into the enclosing code, kept in lanes by the
/// vector loop and added once after it. <see cref="Pairs"/> are the body's locals whose softplus and sigmoid it both
/// takes, computed by one call in the vector loop.
/// </summary>
internal sealed record CodeLaneLoop(CodeFor Loop, EquatableArray<string> Locals, EquatableArray<LaneSum> Sums, EquatableArray<LanePair> Pairs) : CodeStmt;

/// <summary>
/// A vector local of an element-wise loop whose <c>SymMath.Softplus</c> and <c>SymMath.Sigmoid</c> the body both takes,
/// after the last statement that writes it: the vector loop computes them once, after that statement, as
/// <c>Softplus = SymMath.Softplus(Argument, out Sigmoid)</c> (one exp for both, the same bits as the two calls), and
/// prints the names where the body has the calls. The loop for the last elements keeps the calls.
/// </summary>
internal sealed record LanePair(string Argument, string Softplus, string Sigmoid);

/// <summary>
/// A sum of an element-wise loop into the enclosing code, <c>Target += v</c> or <c>Target[Index] += v</c>: the
/// vector loop adds each step's lanes of v to the <c>Vector512</c> <see cref="Accumulator"/>, and
/// <c>Target += Lanes.Sum(Accumulator)</c> follows it.
/// </summary>
internal sealed record LaneSum(string Target, Expr? Index, string Accumulator);

/// <summary>
/// A row tile's loop run <c>Lanes.Count</c> rows at a time (<c>Vectorization/RowLanes</c>; docs/how-it-works.md, "Row
/// lanes"): <see cref="Loop"/>'s body with <c>Vector512</c> values, lane l holding row i + l, the tile's last rows
/// (fewer than <c>Lanes.Count</c>) in lanes under the mask <see cref="LastRows"/>, and <see cref="Tail"/> (the loop with
/// its inner loops rewritten as usual) for every row when the vectors do not fit. <see cref="Locals"/> are the body's
/// real locals (vectors in the lanes), <see cref="Privates"/> its row-private arrays, <see cref="Carries"/> the fused
/// loop's copies of its accumulators, and <see cref="Masks"/> the names of the lane masks of its row-dependent
/// branches, in the order the body holds them.
/// </summary>
internal sealed record CodeRowLanes(CodeFor Loop, CodeFor Tail, EquatableArray<string> Locals, EquatableArray<PrivateRow> Privates, EquatableArray<RowCarry> Carries, EquatableArray<string> Masks) : CodeStmt
{
    /// <summary>The arrays the body adds to at indices the same for every row (<c>db[c] += e</c>): one vector per element, <see cref="PrivateRow.Lanes"/>, added to the array once the tiles end.</summary>
    public EquatableArray<PrivateRow> Sums { get; init; } = EquatableArray<PrivateRow>.Empty;

    /// <summary>The names of the partial sums of the body's running sums (<c>RowLanes.IsRunningSum</c>), four per loop, in the order the body holds them.</summary>
    public EquatableArray<string> Partials { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The body's bool locals that differ between rows: lane masks (all bits set where the bool is true).</summary>
    public EquatableArray<string> MaskLocals { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The body's int locals that differ between rows (<c>int label = y[i];</c>): 64-bit lanes, <c>Vector512&lt;long&gt;</c>.</summary>
    public EquatableArray<string> RowInts { get; init; } = EquatableArray<string>.Empty;

    /// <summary>The name of the bool that says whether the rows run in lanes (<c>Lanes.FitsRows</c>).</summary>
    public string Switch { get; init; } = "rowLanes";

    /// <summary>The loops whose pushes go to a row of saved vectors instead of the tape (<c>Vectorization/RowSavedValues</c>).</summary>
    public EquatableArray<SavedRow> Saved { get; init; } = EquatableArray<SavedRow>.Empty;

    /// <summary>The name of the int that holds how many rows the tile's last group has (fewer than <c>Lanes.Count</c>).</summary>
    public string RowsLeft { get; init; } = "rowsLeft";

    /// <summary>The name of the last group's lane mask (<c>Lanes.FirstRows</c>): set in the lanes of real rows, clear in those that repeat the last row.</summary>
    public string LastRows { get; init; } = "lastRows";

    /// <summary>
    /// Read-only views of the spans the body's calls may read (the private rows' lanes, the tile's products), declared
    /// once before the tiles where a call reads them: the conversion of a <c>Span</c> to a <c>ReadOnlySpan</c> is a call,
    /// which the JIT stops inlining in a method this large, so made at each use it ran once per call.
    /// </summary>
    public EquatableArray<ReadView> Views { get; init; } = EquatableArray<ReadView>.Empty;

    /// <summary>
    /// Outer-product updates of sums kept for several tiles (<c>Vectorization/RowKeptProducts</c>): in the groups of whole
    /// rows each group keeps its scales and sources, and one <c>Lanes.AddKeptProducts</c> call adds them when
    /// <see cref="KeptTiles"/> tiles' groups are kept, before a tile's last rows, and after the tiles.
    /// </summary>
    public EquatableArray<KeptProducts> Kept { get; init; } = EquatableArray<KeptProducts>.Empty;

    /// <summary>The name of the int that counts the groups kept since their products were last added (<see cref="Kept"/>).</summary>
    public string KeptGroups { get; init; } = "keptGroups";

    /// <summary>
    /// The name of the int that holds how many tiles' groups are kept: <c>Lanes.KeptTiles</c> (<c>float</c>:
    /// <c>Lanes.SingleKeptTiles</c>) when the rows' vectors fit <c>Lanes.MaxRowElements</c> with that many, else one.
    /// </summary>
    public string KeptTiles { get; init; } = "keptTiles";

    /// <summary>
    /// The arrays whose group rows are transposed once per group (<c>Vectorization/RowBlocks</c>): each of the body's
    /// reads of element c of its row in a loop over the row's elements is one vector of the block.
    /// </summary>
    public EquatableArray<RowBlock> Blocks { get; init; } = EquatableArray<RowBlock>.Empty;

    /// <summary>
    /// The log-softmax and log-sum-exp calls whose softmax shares the body's reverse reads instead of taking each exp
    /// again (<c>Vectorization/RowSoftmaxShares</c>).
    /// </summary>
    public EquatableArray<SoftmaxShares> Shares { get; init; } = EquatableArray<SoftmaxShares>.Empty;
}

/// <summary>
/// The call declared as <see cref="CallLocal"/> (<c>SymMath.LogSoftmax</c> or <c>LogSumExp</c> of the private array
/// <see cref="Array"/>) also writes each element's share <c>exp(z[j] - logSumExp)</c> into <see cref="Shares"/>
/// (pooled <see cref="Buffer"/>, one vector per element), and the reverse's <c>Math.Exp(z[j] - LogSumExp)</c> reads
/// <c>Shares[j]</c>; <see cref="LogSumExp"/> is the local that holds the call's log-sum-exp (the call itself for LogSumExp),
/// declared in lanes only when <see cref="LogSumExpRead"/> (something besides the shares' reads reads it).
/// </summary>
internal sealed record SoftmaxShares(string Array, string CallLocal, string LogSumExp, string Shares, string Buffer, bool LogSumExpRead);

/// <summary>
/// Elements <see cref="Base"/> + l * <see cref="Stride"/> + e of <see cref="Array"/> (lane l, e below Stride) for each
/// group of rows, transposed at the group's start into <see cref="Block"/> (pooled <see cref="Buffer"/>) and read as
/// <see cref="Read"/>: the read <c>Array[Base + c]</c> in a loop over c from 0 to Stride is <c>Read[c]</c>.
/// </summary>
internal sealed record RowBlock(string Array, Expr Stride, Expr Base, string Block, string Buffer, string Read);

/// <summary>
/// The update <see cref="Update"/> (<c>dw2[c * h + j] += dZElement * a[j]</c>) of an inner loop of the row body's loop over
/// <see cref="Counter"/>, kept for the tile: for c = <see cref="Lowest"/> to Lowest + <see cref="Rows"/> - 1 it adds
/// <c>Scales[c] * Source[SourceStart + e]</c> to element <c>DestinationStart + (c - Lowest) * RowStride + e</c> of the sum
/// <see cref="Destination"/>, e below <see cref="Count"/>. Each group of whole rows copies its Scales and Source
/// elements to <see cref="ScalesKept"/> and <see cref="SourcesKept"/> (pooled <see cref="ScalesKeptBuffer"/>,
/// <see cref="SourcesKeptBuffer"/>, <c>keptTiles * (Kernels.TileSize / Lanes.Count)</c> groups, <see cref="CodeRowLanes.KeptTiles"/>).
/// </summary>
internal sealed record KeptProducts(
    string Counter, CodeAddTo Update, string Destination, Expr DestinationStart, Expr RowStride, string Scales, Expr Lowest, Expr Rows, string Source, Expr SourceStart, Expr Count,
    string ScalesKept, string ScalesKeptBuffer, string SourcesKept, string SourcesKeptBuffer);

/// <summary>The read-only view <see cref="View"/> of the span <see cref="Span"/>: of vectors when <see cref="OfLanes"/>, else of reals.</summary>
internal sealed record ReadView(string Span, string View, bool OfLanes);

/// <summary>
/// The values the loop at <see cref="PushLoop"/> of a row lanes' body pushes, <see cref="Pushes"/> per iteration, and the
/// loop at <see cref="PopLoop"/> pops, counting the other way: stored instead at <c>(c - Lower) * Pushes + q</c> of
/// <see cref="Lanes"/> (over the pooled <see cref="Buffer"/>, <see cref="Iterations"/> times <see cref="Pushes"/> vectors).
/// </summary>
internal sealed record SavedRow(int PushLoop, int PopLoop, int Pushes, Expr Lower, Expr Iterations, string Lanes, string Buffer);

/// <summary>A row-private array <see cref="Array"/>, or an array the rows add to: one vector per element, <see cref="Lanes"/>, over the pooled <see cref="Buffer"/>.</summary>
internal sealed record PrivateRow(string Array, string Lanes, string Buffer);

/// <summary>The fused loop's copy <see cref="Copy"/> of its accumulator <see cref="Target"/> (<c>double total3 = total; ... total = total3;</c>): summed in lanes, added once per group of rows.</summary>
internal sealed record RowCarry(string Copy, string Target);
