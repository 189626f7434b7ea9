using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>Where a statement came from: the source text (one line) and its 1-based line number.</summary>
internal sealed record SourceNote(string Text, int Line)
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
