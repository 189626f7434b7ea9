using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>
/// A statement of the generated gradient method: the output of differentiation and the input of
/// simplification and emission. Straight-line except for <see cref="CodeIf"/>.
/// </summary>
internal abstract record CodeStmt;

/// <summary><c>// text</c>. A heading introduces a section; other comments describe the code right after them.</summary>
internal sealed record CodeComment(string Text, bool IsHeading = false) : CodeStmt;

/// <summary>An empty line that separates blocks.</summary>
internal sealed record CodeBlankLine : CodeStmt
{
    public static readonly CodeBlankLine Instance = new();
}

/// <summary><c>double name = value;</c> (or <c>int</c>/<c>bool</c>).</summary>
internal sealed record CodeDeclare(string Name, ValueKind Kind, Expr Value) : CodeStmt;

/// <summary><c>name = value;</c></summary>
internal sealed record CodeAssign(string Name, Expr Value) : CodeStmt;

/// <summary><c>name += value;</c></summary>
internal sealed record CodeAddTo(string Name, Expr Value) : CodeStmt;

/// <summary><c>if (condition) { ... } else { ... }</c></summary>
internal sealed record CodeIf(Expr Condition, EquatableArray<CodeStmt> Then, EquatableArray<CodeStmt> Else) : CodeStmt;

/// <summary><c>return value;</c></summary>
internal sealed record CodeReturn(Expr Value) : CodeStmt;

/// <summary>
/// The generated gradient method: the source method's model, the forward sweep (the original
/// computation, kept as written), the reverse sweep (derivative code, which simplification may
/// rewrite) and the variable holding the function's value.
/// </summary>
internal sealed record GradientModel(MethodModel Method, EquatableArray<CodeStmt> Forward, EquatableArray<CodeStmt> Reverse, string Result);
