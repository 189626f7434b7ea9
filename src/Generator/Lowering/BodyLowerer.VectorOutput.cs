using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// A vector-valued method (<c>void F(..., Span&lt;double&gt; output)</c>) writes its result into its
/// output span. Lowered, it becomes the scalar function <c>Σ_i seed[i] · output[i]</c> of one more,
/// constant, parameter <c>seed</c>: its gradient is the vector-Jacobian product <c>Jᵀ seed</c>, so the
/// scalar machinery generates the vector pullback unchanged, and forward mode differentiates the
/// user's statements (everything before the sum) for tangents and Jacobian columns.
/// </summary>
internal sealed partial class BodyLowerer
{
    /// <summary>The output span's name when the method is vector-valued: element writes to it are allowed.</summary>
    public string? OutputParameter { get; set; }

    /// <summary>Keeps a name the lowering must not give a local or temporary.</summary>
    public void Reserve(string name) => names.Reserve(name);

    /// <summary>The body, then <c>sum = 0; for (i) sum += seed[i] * output[i]; return sum;</c>.</summary>
    public EquatableArray<Stmt> LowerVectorBody(IBlockOperation body, string output, string seed)
    {
        EquatableArray<Stmt> statements = LowerBody(body);
        string sum = names.Allocate("seedTimesOutput");
        string row = names.Allocate("row");
        var note = new SourceNote("Σ seed[row] · " + output + "[row]: the pullback's seed applied to the output", 0);
        Expr term = E.Mul(new ElementRead(seed, new Variable(row, ValueKind.Int), ValueKind.Double), new ElementRead(output, new Variable(row, ValueKind.Int), ValueKind.Double));
        var loopBody = new Stmt[] { new AssignStatement(sum, E.Add(new Variable(sum, ValueKind.Double), term), note) }.ToEquatableArray();
        var all = new System.Collections.Generic.List<Stmt>(statements)
        {
            new AssignStatement(sum, Constant.Zero, note),
            new ForStatement(nextLoopId++, row, new IntConstant(0), new LengthOf(output), false, loopBody, EquatableArray<string>.Empty, note),
            new ReturnStatement(new Variable(sum, ValueKind.Double), note),
        };
        return all.ToEquatableArray();
    }
}
