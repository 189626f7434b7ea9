using System;
using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Normalization;

/// <summary>Bottom-up rewriting and renaming helpers over expressions and statements.</summary>
internal static class ExprRewriter
{
    /// <summary>
    /// Rebuilds <paramref name="expr"/> bottom-up, applying <paramref name="rewrite"/> to every node after its children.
    /// A node whose children all come back unchanged (the same objects) is kept, not copied: most rewrites change a few
    /// leaves of a large tree, and the untouched subtrees are shared with the input (the IR is immutable).
    /// </summary>
    public static Expr Rewrite(Expr expr, Func<Expr, Expr> rewrite)
    {
        Expr rebuilt = expr switch
        {
            Unary u => Rewrite(u.Operand, rewrite) is var operand && !ReferenceEquals(operand, u.Operand) ? u with { Operand = operand } : u,
            Binary b => Rebuilt(b, Rewrite(b.Left, rewrite), Rewrite(b.Right, rewrite)),
            Call c => Rebuilt(c, Rewrite(c.First, rewrite), c.Second is null ? null : Rewrite(c.Second, rewrite)),
            Select s => Rebuilt(s, Rewrite(s.Condition, rewrite), Rewrite(s.WhenTrue, rewrite), Rewrite(s.WhenFalse, rewrite)),
            ElementRead r => Rewrite(r.Index, rewrite) is var index && !ReferenceEquals(index, r.Index) ? r with { Index = index } : r,
            MatrixRead m => Rebuilt(m, Rewrite(m.Row, rewrite), Rewrite(m.Column, rewrite)),
            VectorCall { Index: { } index } v => Rewrite(index, rewrite) is var newIndex && !ReferenceEquals(newIndex, index) ? v with { Index = newIndex } : v,
            IntCall c => Rebuilt(c, Rewrite(c.First, rewrite), c.Second is null ? null : Rewrite(c.Second, rewrite)),
            UserCall u => Rebuilt(u, rewrite),
            _ => expr,
        };
        return rewrite(rebuilt);
    }

    private static Expr Rebuilt(Binary b, Expr left, Expr right) =>
        ReferenceEquals(left, b.Left) && ReferenceEquals(right, b.Right) ? b : b with { Left = left, Right = right };

    private static Expr Rebuilt(Call c, Expr first, Expr? second) =>
        ReferenceEquals(first, c.First) && ReferenceEquals(second, c.Second) ? c : c with { First = first, Second = second };

    private static Expr Rebuilt(IntCall c, Expr first, Expr? second) =>
        ReferenceEquals(first, c.First) && ReferenceEquals(second, c.Second) ? c : c with { First = first, Second = second };

    private static Expr Rebuilt(Select s, Expr condition, Expr whenTrue, Expr whenFalse) =>
        ReferenceEquals(condition, s.Condition) && ReferenceEquals(whenTrue, s.WhenTrue) && ReferenceEquals(whenFalse, s.WhenFalse)
            ? s
            : s with { Condition = condition, WhenTrue = whenTrue, WhenFalse = whenFalse };

    private static Expr Rebuilt(MatrixRead m, Expr row, Expr column) =>
        ReferenceEquals(row, m.Row) && ReferenceEquals(column, m.Column) ? m : m with { Row = row, Column = column };

    private static Expr Rebuilt(UserCall u, Func<Expr, Expr> rewrite)
    {
        Expr[]? arguments = null;
        for (int i = 0; i < u.Arguments.Count; i++)
        {
            Expr argument = u.Arguments[i];
            Expr rewritten = Rewrite(argument, rewrite);
            if (arguments is null && !ReferenceEquals(rewritten, argument))
            {
                arguments = new Expr[u.Arguments.Count];
                for (int j = 0; j < i; j++)
                {
                    arguments[j] = u.Arguments[j];
                }
            }

            if (arguments is not null)
            {
                arguments[i] = rewritten;
            }
        }

        return arguments is null ? u : u with { Arguments = arguments.ToEquatableArray() };
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

    /// <summary>
    /// The statement with <paramref name="rewrite"/> applied (as in <see cref="Rewrite(Expr, Func{Expr, Expr})"/>) to every
    /// expression it and its nested statements evaluate; assignment targets and loop counters stay.
    /// </summary>
    public static Stmt RewriteExpressions(Stmt statement, Func<Expr, Expr> rewrite)
    {
        EquatableArray<Stmt> Block(EquatableArray<Stmt> block) => block.Select(s => RewriteExpressions(s, rewrite)).ToEquatableArray();
        return statement switch
        {
            AssignStatement a => a with { Value = Rewrite(a.Value, rewrite) },
            IfStatement i => i with { Condition = Rewrite(i.Condition, rewrite), Then = Block(i.Then), Else = Block(i.Else) },
            ReturnStatement r => r with { Value = Rewrite(r.Value, rewrite) },
            ArrayDeclareStatement d => d with { Length = Rewrite(d.Length, rewrite) },
            ElementAssignStatement e => e with { Index = Rewrite(e.Index, rewrite), Value = Rewrite(e.Value, rewrite) },
            ForStatement f => f with
            {
                Start = Rewrite(f.Start, rewrite),
                End = Rewrite(f.End, rewrite),
                Body = Block(f.Body),
                Exit = f.Exit is null ? null : Rewrite(f.Exit, rewrite),
            },
            FailWhenStatement fail => fail with { Condition = Rewrite(fail.Condition, rewrite) },
            VectorCallStatement call => call with { Arguments = call.Arguments.Select(a => Rewrite(a, rewrite)).ToEquatableArray() },
            _ => statement,
        };
    }

    /// <summary>Every scalar variable name read by <paramref name="expr"/> (array names excluded).</summary>
    public static IEnumerable<string> Variables(Expr expr) => Names(expr, includeArrays: false);

    /// <summary>Every scalar variable and array name read by <paramref name="expr"/>.</summary>
    public static IEnumerable<string> VariablesAndArrays(Expr expr) => Names(expr, includeArrays: true);

    /// <summary>Adds every scalar variable name <paramref name="expr"/> reads to <paramref name="into"/> (array names excluded), without a list of its own.</summary>
    public static void AddVariables(Expr expr, ICollection<string> into) => CollectNames(expr, includeArrays: false, into);

    /// <summary>Adds every scalar variable and array name <paramref name="expr"/> reads to <paramref name="into"/>, without a list of its own.</summary>
    public static void AddVariablesAndArrays(Expr expr, ICollection<string> into) => CollectNames(expr, includeArrays: true, into);

    private static List<string> Names(Expr expr, bool includeArrays)
    {
        var names = new List<string>();
        CollectNames(expr, includeArrays, names);
        return names;
    }

    /// <summary>Appends every name <paramref name="expr"/> reads, in reading order (one collection, no nested enumerators).</summary>
    private static void CollectNames(Expr expr, bool includeArrays, ICollection<string> into)
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
        UserCall u => AnyArgument(u, names, static (argument, set) => ReadsAny(argument, set)),
        VectorCall v => names.Contains(v.First) || (v.Second is not null && names.Contains(v.Second)) || (v.Index is not null && ReadsAny(v.Index, names)),
        _ => false,
    };

    /// <summary>Whether any node of <paramref name="expr"/> passes <paramref name="test"/> (stops at the first; nothing is rebuilt).</summary>
    public static bool Contains(Expr expr, Func<Expr, bool> test) => test(expr) || expr switch
    {
        Unary u => Contains(u.Operand, test),
        Binary b => Contains(b.Left, test) || Contains(b.Right, test),
        Call c => Contains(c.First, test) || (c.Second is not null && Contains(c.Second, test)),
        IntCall c => Contains(c.First, test) || (c.Second is not null && Contains(c.Second, test)),
        Select s => Contains(s.Condition, test) || Contains(s.WhenTrue, test) || Contains(s.WhenFalse, test),
        ElementRead r => Contains(r.Index, test),
        MatrixRead m => Contains(m.Row, test) || Contains(m.Column, test),
        VectorCall { Index: { } index } => Contains(index, test),
        UserCall u => AnyArgument(u, test, static (argument, predicate) => Contains(argument, predicate)),
        _ => false,
    };

    /// <summary>Whether <paramref name="expr"/> reads the scalar or array <paramref name="name"/> (stops at the first; allocates nothing).</summary>
    public static bool Reads(Expr expr, string name) => expr switch
    {
        Variable v => v.Name == name,
        Unary u => Reads(u.Operand, name),
        Binary b => Reads(b.Left, name) || Reads(b.Right, name),
        Call c => Reads(c.First, name) || (c.Second is not null && Reads(c.Second, name)),
        IntCall c => Reads(c.First, name) || (c.Second is not null && Reads(c.Second, name)),
        Select s => Reads(s.Condition, name) || Reads(s.WhenTrue, name) || Reads(s.WhenFalse, name),
        ElementRead r => r.Array == name || Reads(r.Index, name),
        MatrixRead m => m.Array == name || Reads(m.Row, name) || Reads(m.Column, name),
        LengthOf l => l.Array == name,
        ArrayArgument a => a.Array == name,
        UserCall u => AnyArgument(u, name, static (argument, wanted) => Reads(argument, wanted)),
        VectorCall v => v.First == name || v.Second == name || (v.Index is not null && Reads(v.Index, name)),
        _ => false,
    };

    // The three walks above run over every expression many times a method: a capturing lambda over the call's arguments
    // would make each of them allocate its captured state on every call, whatever the node (C# allocates a closure where
    // its captured parameter enters scope). The walk's state is passed to a static lambda instead, which allocates nothing.
    private static bool AnyArgument<TState>(UserCall call, TState state, Func<Expr, TState, bool> test)
    {
        for (int i = 0; i < call.Arguments.Count; i++)
        {
            if (test(call.Arguments[i], state))
            {
                return true;
            }
        }

        return false;
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
