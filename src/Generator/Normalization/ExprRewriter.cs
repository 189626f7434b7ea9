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
            UserCall u => u with { Arguments = u.Arguments.Select(a => Rewrite(a, rewrite)).ToEquatableArray() },
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
            Exit = f.Exit is null ? null : Rename(f.Exit, map),
        },
        FailWhenStatement fail => fail with { Condition = Rename(fail.Condition, map) },
        VectorCallStatement call => call with { Arguments = call.Arguments.Select(a => Rename(a, map)).ToEquatableArray() },
        _ => statement,
    };

    /// <summary>Every scalar variable name read by <paramref name="expr"/> (array names excluded).</summary>
    public static IEnumerable<string> Variables(Expr expr) => Names(expr, includeArrays: false);

    /// <summary>Every scalar variable and array name read by <paramref name="expr"/>.</summary>
    public static IEnumerable<string> VariablesAndArrays(Expr expr) => Names(expr, includeArrays: true);

    private static List<string> Names(Expr expr, bool includeArrays)
    {
        var names = new List<string>();
        CollectNames(expr, includeArrays, names);
        return names;
    }

    /// <summary>Appends every name <paramref name="expr"/> reads, in reading order (one list, no nested enumerators).</summary>
    private static void CollectNames(Expr expr, bool includeArrays, List<string> into)
    {
        switch (expr)
        {
            case Variable v:
                into.Add(v.Name);
                break;
            case Unary u:
                CollectNames(u.Operand, includeArrays, into);
                break;
            case Binary b:
                CollectNames(b.Left, includeArrays, into);
                CollectNames(b.Right, includeArrays, into);
                break;
            case Call c:
                CollectNames(c.First, includeArrays, into);
                if (c.Second is not null)
                {
                    CollectNames(c.Second, includeArrays, into);
                }

                break;
            case IntCall c:
                CollectNames(c.First, includeArrays, into);
                if (c.Second is not null)
                {
                    CollectNames(c.Second, includeArrays, into);
                }

                break;
            case Select s:
                CollectNames(s.Condition, includeArrays, into);
                CollectNames(s.WhenTrue, includeArrays, into);
                CollectNames(s.WhenFalse, includeArrays, into);
                break;
            case ElementRead r:
                if (includeArrays)
                {
                    into.Add(r.Array);
                }

                CollectNames(r.Index, includeArrays, into);
                break;
            case MatrixRead m:
                if (includeArrays)
                {
                    into.Add(m.Array);
                }

                CollectNames(m.Row, includeArrays, into);
                CollectNames(m.Column, includeArrays, into);
                break;
            case LengthOf l when includeArrays:
                into.Add(l.Array);
                break;
            case ArrayArgument a when includeArrays:
                into.Add(a.Array);
                break;
            case UserCall u:
                foreach (Expr argument in u.Arguments)
                {
                    CollectNames(argument, includeArrays, into);
                }

                break;
            case VectorCall v:
                if (includeArrays)
                {
                    into.Add(v.First);
                    if (v.Second is not null)
                    {
                        into.Add(v.Second);
                    }
                }

                if (v.Index is not null)
                {
                    CollectNames(v.Index, includeArrays, into);
                }

                break;
        }
    }

    /// <summary>Whether <paramref name="expr"/> reads any scalar or array name in <paramref name="names"/> (stops at the first).</summary>
    public static bool ReadsAny(Expr expr, ISet<string> names) => expr switch
    {
        Variable v => names.Contains(v.Name),
        Unary u => ReadsAny(u.Operand, names),
        Binary b => ReadsAny(b.Left, names) || ReadsAny(b.Right, names),
        Call c => ReadsAny(c.First, names) || (c.Second is not null && ReadsAny(c.Second, names)),
        IntCall c => ReadsAny(c.First, names) || (c.Second is not null && ReadsAny(c.Second, names)),
        Select s => ReadsAny(s.Condition, names) || ReadsAny(s.WhenTrue, names) || ReadsAny(s.WhenFalse, names),
        ElementRead r => names.Contains(r.Array) || ReadsAny(r.Index, names),
        MatrixRead m => names.Contains(m.Array) || ReadsAny(m.Row, names) || ReadsAny(m.Column, names),
        LengthOf l => names.Contains(l.Array),
        ArrayArgument a => names.Contains(a.Array),
        UserCall u => u.Arguments.Any(a => ReadsAny(a, names)),
        VectorCall v => names.Contains(v.First) || (v.Second is not null && names.Contains(v.Second)) || (v.Index is not null && ReadsAny(v.Index, names)),
        _ => false,
    };

    /// <summary>Whether any node of <paramref name="expr"/> passes <paramref name="test"/>.</summary>
    public static bool Contains(Expr expr, Func<Expr, bool> test)
    {
        bool found = false;
        Rewrite(expr, e =>
        {
            found |= test(e);
            return e;
        });
        return found;
    }

    /// <summary>Whether evaluating <paramref name="expr"/> runs code the generator does not see: a user method (which may write an array it is passed) or code printed as written.</summary>
    public static bool CallsOut(Expr expr) => Contains(expr, e => e is UserCall or Opaque);

    /// <summary>Whether <paramref name="expr"/> reads an element of (or a function of) any array.</summary>
    public static bool ReadsArrays(Expr expr) => expr switch
    {
        ElementRead or MatrixRead or VectorCall or UserCall => true,
        Unary u => ReadsArrays(u.Operand),
        Binary b => ReadsArrays(b.Left) || ReadsArrays(b.Right),
        Call c => ReadsArrays(c.First) || (c.Second is not null && ReadsArrays(c.Second)),
        IntCall c => ReadsArrays(c.First) || (c.Second is not null && ReadsArrays(c.Second)),
        Select s => ReadsArrays(s.Condition) || ReadsArrays(s.WhenTrue) || ReadsArrays(s.WhenFalse),
        _ => false,
    };
}
