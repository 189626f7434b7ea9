using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>
/// Where a statement came from: the source text (one line) and its 1-based line number, and for a
/// statement of an inlined callee, the callee's name (the line is in the callee's file).
/// </summary>
internal sealed record SourceNote(string Text, int Line, string? InMethod = null)
{
    public static readonly SourceNote None = new(string.Empty, 0);
}

/// <summary>A statement of the lowered method body.</summary>
internal abstract record Stmt(SourceNote Note);

/// <summary><c>target = value</c>. After SSA renaming every target is assigned exactly once per path.</summary>
internal sealed record AssignStatement(string Target, Expr Value, SourceNote Note) : Stmt(Note);

/// <summary><c>if (condition) { then } else { else }</c>.</summary>
internal sealed record IfStatement(Expr Condition, EquatableArray<Stmt> Then, EquatableArray<Stmt> Else, SourceNote Note) : Stmt(Note);

/// <summary><c>return value</c>. Removed by return normalisation.</summary>
internal sealed record ReturnStatement(Expr Value, SourceNote Note) : Stmt(Note);

/// <summary><c>double[] name = new double[length]</c> or <c>Span&lt;double&gt; name = stackalloc double[length]</c>.</summary>
internal sealed record ArrayDeclareStatement(string Name, Expr Length, bool StackAlloc, SourceNote Note) : Stmt(Note);

/// <summary>
/// <c>array[index] = value</c>. <see cref="Saved"/> names the SSA value that holds the element's old
/// value (set by forward preparation for arrays that carry derivatives), restored by the reverse sweep.
/// </summary>
internal sealed record ElementAssignStatement(string Array, Expr Index, Expr Value, SourceNote Note, string? Saved = null) : Stmt(Note);

/// <summary>
/// <c>for (int counter = start; counter &lt; end; counter++)</c>, or with <see cref="Descending"/>
/// <c>for (int counter = start; counter &gt;= end; counter--)</c>. <see cref="Carried"/> lists the
/// loop-carried variables (filled in by SSA); <see cref="Id"/> identifies the loop across steps.
/// <para>
/// Every loop form lowers to this one (see docs/loops-and-arrays.md). A loop that may stop early
/// (<c>while</c>, <c>do</c>, <c>break</c>, <c>return</c> inside it) has an <see cref="Exit"/>: a
/// <c>bool</c> tested at the top of each iteration, before the body, on the values the previous
/// iteration left in the carried variables (<c>if (exit) break;</c> in the forward code). Such a loop
/// records in <see cref="Stop"/> where it stopped (the counter after the last iteration that ran,
/// or the last counter value when descending), so the reverse loop runs over exactly those iterations.
/// </para>
/// </summary>
internal sealed record ForStatement(
    int Id,
    string Counter,
    Expr Start,
    Expr End,
    bool Descending,
    EquatableArray<Stmt> Body,
    EquatableArray<string> Carried,
    SourceNote Note,
    Expr? Exit = null,
    string? Stop = null) : Stmt(Note);

/// <summary><c>break</c> out of the innermost loop. Removed by <c>Normalization/LoopExitNormalizer</c>.</summary>
internal sealed record BreakStatement(SourceNote Note) : Stmt(Note);

/// <summary><c>continue</c> with the next iteration of the innermost loop. Removed by <c>Normalization/LoopExitNormalizer</c>.</summary>
internal sealed record ContinueStatement(SourceNote Note) : Stmt(Note);

/// <summary>
/// <c>if (condition) throw new InvalidOperationException(message);</c>: a runtime precondition of the
/// lowered code (a <c>!=</c> loop whose counter would never reach its bound).
/// </summary>
internal sealed record FailWhenStatement(Expr Condition, string Message, SourceNote Note) : Stmt(Note);

/// <summary>
/// <c>Method(arguments);</c>: a call statement of a vector-valued <c>[Differentiable]</c> method of
/// another assembly, which writes <see cref="Output"/> (argument <see cref="OutputIndex"/>, a local array
/// untouched before the call) and is differentiated through its compiled <c>MethodPullback</c>: the
/// output's adjoint is the pullback's seed. Never inside a loop (the lowering says so otherwise).
/// </summary>
internal sealed record VectorCallStatement(Callee Callee, EquatableArray<Expr> Arguments, string Output, SourceNote Note) : Stmt(Note)
{
    /// <summary>The callee's <c>{Name}Jacobian</c> (forward mode multiplies it by the arguments' tangents), or null when it has none.</summary>
    public string? Jacobian { get; init; }
}

/// <summary>Throws <c>ArgumentException</c> unless <see cref="Array"/> and <see cref="Other"/> have one length (a SymMath precondition kept by the lowering).</summary>
internal sealed record LengthCheckStatement(string Array, string Other, string Function, SourceNote Note) : Stmt(Note);
