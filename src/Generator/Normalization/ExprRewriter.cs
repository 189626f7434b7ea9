using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Normalization;

/// <summary>Bottom-up rewriting and renaming helpers over expressions and statements.</summary>
internal static class ExprRewriter
{
    /// <summary>Rebuilds <paramref name="expr"/> bottom-up, applying <paramref name="rewrite"/> to every node after its children.</summary>
    public static Expr Rewrite(Expr expr, Func<Expr, Expr> rewrite)
    {
        Expr rebuilt = expr switch
        {
            Unary u => u with { Operand = Rewrite(u.Operand, rewrite) },
            Binary b => b with { Left = Rewrite(b.Left, rewrite), Right = Rewrite(b.Right, rewrite) },
            Call c => c with { First = Rewrite(c.First, rewrite), Second = c.Second is null ? null : Rewrite(c.Second, rewrite) },
            Select s => s with { Condition = Rewrite(s.Condition, rewrite), WhenTrue = Rewrite(s.WhenTrue, rewrite), WhenFalse = Rewrite(s.WhenFalse, rewrite) },
            ElementRead r => r with { Index = Rewrite(r.Index, rewrite) },
            MatrixRead m => m with { Row = Rewrite(m.Row, rewrite), Column = Rewrite(m.Column, rewrite) },
            VectorCall v => v with { Index = v.Index is null ? null : Rewrite(v.Index, rewrite) },
            IntCall c => c with { First = Rewrite(c.First, rewrite), Second = c.Second is null ? null : Rewrite(c.Second, rewrite) },
            _ => expr,
        };
        return rewrite(rebuilt);
    }

    /// <summary>Renames variables through <paramref name="map"/>; names not in the map stay.</summary>
    public static Expr Rename(Expr expr, IReadOnlyDictionary<string, string> map) =>
        Rewrite(expr, e => e is Variable v && map.TryGetValue(v.Name, out string? renamed) ? v with { Name = renamed } : e);

    /// <summary>Renames variables, assignment targets included, throughout a block.</summary>
    public static EquatableArray<Stmt> Rename(IEnumerable<Stmt> block, IReadOnlyDictionary<string, string> map) =>
        block.Select(s => Rename(s, map)).ToEquatableArray();

    private static Stmt Rename(Stmt statement, IReadOnlyDictionary<string, string> map) => statement switch
    {
        AssignStatement a => a with { Target = map.TryGetValue(a.Target, out string? t) ? t : a.Target, Value = Rename(a.Value, map) },
        IfStatement i => i with { Condition = Rename(i.Condition, map), Then = Rename(i.Then, map), Else = Rename(i.Else, map) },
        ReturnStatement r => r with { Value = Rename(r.Value, map) },
        ArrayDeclareStatement d => d with { Length = Rename(d.Length, map) },
        ElementAssignStatement e => e with { Index = Rename(e.Index, map), Value = Rename(e.Value, map) },
        ForStatement f => f with
        {
            Start = Rename(f.Start, map),
            End = Rename(f.End, map),
            Body = Rename(f.Body, map),
            Carried = f.Carried.Select(c => map.TryGetValue(c, out string? renamed) ? renamed : c).ToEquatableArray(),
        },
        _ => statement,
    };

    /// <summary>Every scalar variable name read by <paramref name="expr"/> (array names excluded).</summary>
    public static IEnumerable<string> Variables(Expr expr) => Names(expr, includeArrays: false);

    /// <summary>Every scalar variable and array name read by <paramref name="expr"/>.</summary>
    public static IEnumerable<string> VariablesAndArrays(Expr expr) => Names(expr, includeArrays: true);

    private static IEnumerable<string> Names(Expr expr, bool includeArrays) => expr switch
    {
        Variable v => new[] { v.Name },
        Unary u => Names(u.Operand, includeArrays),
        Binary b => Names(b.Left, includeArrays).Concat(Names(b.Right, includeArrays)),
        Call c => c.Second is null ? Names(c.First, includeArrays) : Names(c.First, includeArrays).Concat(Names(c.Second, includeArrays)),
        IntCall c => c.Second is null ? Names(c.First, includeArrays) : Names(c.First, includeArrays).Concat(Names(c.Second, includeArrays)),
        Select s => Names(s.Condition, includeArrays).Concat(Names(s.WhenTrue, includeArrays)).Concat(Names(s.WhenFalse, includeArrays)),
        ElementRead r => (includeArrays ? new[] { r.Array } : Array.Empty<string>()).Concat(Names(r.Index, includeArrays)),
        MatrixRead m => (includeArrays ? new[] { m.Array } : Array.Empty<string>()).Concat(Names(m.Row, includeArrays)).Concat(Names(m.Column, includeArrays)),
        LengthOf l => includeArrays ? new[] { l.Array } : Array.Empty<string>(),
        VectorCall v => (includeArrays ? new[] { v.First, v.Second }.Where(n => n is not null).Select(n => n!) : Array.Empty<string>())
            .Concat(v.Index is null ? Array.Empty<string>() : Names(v.Index, includeArrays)),
        _ => Array.Empty<string>(),
    };

    /// <summary>Whether <paramref name="expr"/> reads an element of (or a function of) any array.</summary>
    public static bool ReadsArrays(Expr expr) => expr switch
    {
        ElementRead or MatrixRead or VectorCall => true,
        Unary u => ReadsArrays(u.Operand),
        Binary b => ReadsArrays(b.Left) || ReadsArrays(b.Right),
        Call c => ReadsArrays(c.First) || (c.Second is not null && ReadsArrays(c.Second)),
        IntCall c => ReadsArrays(c.First) || (c.Second is not null && ReadsArrays(c.Second)),
        Select s => ReadsArrays(s.Condition) || ReadsArrays(s.WhenTrue) || ReadsArrays(s.WhenFalse),
        _ => false,
    };
}
