using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Simplification;

/// <summary>
/// Common-subexpression elimination over the reverse sweep. Two rules, per block:
/// <list type="number">
/// <item>an expression already held by a variable declared earlier (in the forward sweep or the
/// reverse sweep, in this block or an enclosing one) is replaced by that variable;</item>
/// <item>an expression that occurs at least twice in a block is computed once into a new local.</item>
/// </list>
/// Only immutable variables take part (never a <c>+=</c> accumulator), and nothing is moved out of
/// a <c>?:</c> branch, so evaluation stays exact and safe. A value the forward sweep assigns once
/// inside <c>if (c)</c> (declared before the branch, as every branch-assigned local is) is available
/// only inside the reverse sweep's <c>if (c)</c> on the same immutable condition: the replay of that
/// branch (<see cref="BranchValues"/>), so <c>Math.Cos(angle)</c> there reads the forward's <c>cosine</c>.
/// </summary>
internal sealed class CommonSubexpressions
{
    private readonly HashSet<string> mutable;
    private readonly NameAllocator names;
    private readonly Dictionary<(string Condition, bool Then), Dictionary<Expr, string>> branchValues;

    private CommonSubexpressions(HashSet<string> mutable, NameAllocator names, Dictionary<(string Condition, bool Then), Dictionary<Expr, string>> branchValues)
    {
        this.mutable = mutable;
        this.names = names;
        this.branchValues = branchValues;
    }

    public static List<CodeStmt> Eliminate(IReadOnlyList<CodeStmt> forward, IReadOnlyList<CodeStmt> reverse, NameAllocator names)
    {
        var mutable = new HashSet<string>();
        CollectMutable(forward, mutable);
        CollectMutable(reverse, mutable);
        var pass = new CommonSubexpressions(mutable, names, BranchValues(forward, reverse, mutable));
        var available = new Dictionary<Expr, string>();
        foreach (CodeDeclare declare in forward.OfType<CodeDeclare>())
        {
            pass.MakeAvailable(declare, available);
        }

        return pass.EliminateBlock(reverse, available);
    }

    private List<CodeStmt> EliminateBlock(IReadOnlyList<CodeStmt> block, Dictionary<Expr, string> availableOuter)
    {
        List<CodeStmt> statements = HoistRepeated(block.ToList());
        var available = new Dictionary<Expr, string>(availableOuter);
        var output = new List<CodeStmt>();
        foreach (CodeStmt statement in statements)
        {
            switch (statement)
            {
                case CodeDeclare declare:
                    var rewritten = declare with { Value = Substitute(declare.Value, available) };
                    output.Add(rewritten);
                    MakeAvailable(rewritten, available);
                    break;
                case CodeAssign assign:
                    output.Add(assign with { Value = Substitute(assign.Value, available) });
                    break;
                case CodeAddTo add:
                    output.Add(add with { Value = Substitute(add.Value, available) });
                    break;
                case CodeIf branch:
                    output.Add(branch with
                    {
                        Then = EliminateBlock(branch.Then, WithBranchValues(available, branch.Condition, then: true)).ToEquatableArray(),
                        Else = EliminateBlock(branch.Else, WithBranchValues(available, branch.Condition, then: false)).ToEquatableArray(),
                    });
                    break;
                case CodeFor loop:
                    output.Add(loop with { Body = EliminateBlock(loop.Body, available).ToEquatableArray() });
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        return output;
    }

    private Dictionary<Expr, string> WithBranchValues(Dictionary<Expr, string> available, Expr condition, bool then)
    {
        if (condition is not Variable variable || !branchValues.TryGetValue((variable.Name, then), out Dictionary<Expr, string>? values))
        {
            return available;
        }

        var combined = new Dictionary<Expr, string>(available);
        foreach (KeyValuePair<Expr, string> value in values)
        {
            if (!combined.ContainsKey(value.Key))
            {
                combined[value.Key] = value.Value;
            }
        }

        return combined;
    }

    /// <summary>
    /// Per branch of a top-level forward <c>if</c> on an immutable condition variable: the values it
    /// assigns to variables nothing else writes (exactly one plain assignment in both sweeps, no
    /// <c>+=</c>, no <c>ref</c>), keyed by the expression, in branch order, reading only immutable
    /// variables or such values assigned earlier in the branch.
    /// </summary>
    private static Dictionary<(string Condition, bool Then), Dictionary<Expr, string>> BranchValues(IReadOnlyList<CodeStmt> forward, IReadOnlyList<CodeStmt> reverse, HashSet<string> mutable)
    {
        var assignments = new Dictionary<string, int>();
        var otherWrites = new HashSet<string>();
        CollectWrites(forward.Concat(reverse), assignments, otherWrites);

        var tables = new Dictionary<(string Condition, bool Then), Dictionary<Expr, string>>();
        foreach (CodeIf branch in forward.OfType<CodeIf>())
        {
            if (branch.Condition is not Variable condition || mutable.Contains(condition.Name))
            {
                continue;
            }

            foreach ((IEnumerable<CodeStmt> block, bool then) in new[] { (branch.Then.AsEnumerable(), true), (branch.Else.AsEnumerable(), false) })
            {
                var stable = new HashSet<string>();
                var values = new Dictionary<Expr, string>();
                foreach (CodeAssign assign in block.OfType<CodeAssign>())
                {
                    if (assign.Index is not null || otherWrites.Contains(assign.Name) || assignments[assign.Name] != 1)
                    {
                        continue;
                    }

                    Expr value = assign.Value;
                    if (value.Kind == ValueKind.Double && value is Binary or Call && !ExprRewriter.ReadsArrays(value) && !ContainsIntegerDivision(value)
                        && ExprRewriter.Variables(value).All(v => !mutable.Contains(v) || stable.Contains(v)) && !values.ContainsKey(value))
                    {
                        values[value] = assign.Name;
                    }

                    stable.Add(assign.Name);
                }

                if (values.Count > 0)
                {
                    tables[(condition.Name, then)] = values;
                }
            }
        }

        return tables;
    }

    private void MakeAvailable(CodeDeclare declare, Dictionary<Expr, string> available)
    {
        if (!mutable.Contains(declare.Name) && IsCandidate(declare.Value) && !available.ContainsKey(declare.Value))
        {
            available[declare.Value] = declare.Name;
        }
    }

    private static Expr Substitute(Expr expr, Dictionary<Expr, string> available)
    {
        if (available.TryGetValue(expr, out string? name))
        {
            return new Variable(name, expr.Kind);
        }

        return expr switch
        {
            Unary u => u with { Operand = Substitute(u.Operand, available) },
            Binary b => b with { Left = Substitute(b.Left, available), Right = Substitute(b.Right, available) },
            Call c => c with { First = Substitute(c.First, available), Second = c.Second is null ? null : Substitute(c.Second, available) },
            Select s => s with { Condition = Substitute(s.Condition, available) },
            _ => expr,
        };
    }

    private List<CodeStmt> HoistRepeated(List<CodeStmt> statements)
    {
        for (int round = 0; round < 64; round++)
        {
            var counts = new Dictionary<Expr, int>();
            foreach (CodeStmt statement in statements)
            {
                if (ValueOf(statement) is { } value)
                {
                    CountCandidates(value, counts, isRoot: statement is CodeDeclare);
                }
            }

            Expr? best = counts.Where(kv => kv.Value >= 2).Select(kv => kv.Key).OrderByDescending(Size).FirstOrDefault();
            if (best is null)
            {
                return statements;
            }

            int first = statements.FindIndex(s => ValueOf(s) is { } v && Contains(v, best));
            string name = names.Allocate(Names.StemOf(best));
            var replacement = new Variable(name, best.Kind);
            var map = new Dictionary<Expr, string> { [best] = name };
            for (int i = first; i < statements.Count; i++)
            {
                statements[i] = statements[i] switch
                {
                    CodeDeclare d => d with { Value = Substitute(d.Value, map) },
                    CodeAssign a => a with { Value = Substitute(a.Value, map) },
                    CodeAddTo a => a with { Value = Substitute(a.Value, map) },
                    _ => statements[i],
                };
            }

            statements.Insert(first, new CodeDeclare(replacement.Name, best.Kind, best));
        }

        return statements;
    }

    private void CountCandidates(Expr expr, Dictionary<Expr, int> counts, bool isRoot)
    {
        if (!isRoot && IsCandidate(expr))
        {
            counts[expr] = counts.TryGetValue(expr, out int count) ? count + 1 : 1;
        }

        switch (expr)
        {
            case Unary u:
                CountCandidates(u.Operand, counts, false);
                break;
            case Binary b:
                CountCandidates(b.Left, counts, false);
                CountCandidates(b.Right, counts, false);
                break;
            case Call c:
                CountCandidates(c.First, counts, false);
                if (c.Second is not null)
                {
                    CountCandidates(c.Second, counts, false);
                }

                break;
            case Select s:
                CountCandidates(s.Condition, counts, false);
                break;
        }
    }

    private bool IsCandidate(Expr expr) =>
        expr.Kind == ValueKind.Double
        && expr is Binary or Call
        && !ExprRewriter.Variables(expr).Any(mutable.Contains)
        && !ExprRewriter.ReadsArrays(expr)
        && !ContainsIntegerDivision(expr);

    private static bool ContainsIntegerDivision(Expr expr) => expr switch
    {
        Binary { ResultKind: ValueKind.Int, Operator: BinaryOperator.Divide or BinaryOperator.Remainder } => true,
        Binary b => ContainsIntegerDivision(b.Left) || ContainsIntegerDivision(b.Right),
        Unary u => ContainsIntegerDivision(u.Operand),
        Call c => ContainsIntegerDivision(c.First) || (c.Second is not null && ContainsIntegerDivision(c.Second)),
        Select => true,
        _ => false,
    };

    private static bool Contains(Expr expr, Expr part) => expr == part || expr switch
    {
        Unary u => Contains(u.Operand, part),
        Binary b => Contains(b.Left, part) || Contains(b.Right, part),
        Call c => Contains(c.First, part) || (c.Second is not null && Contains(c.Second, part)),
        Select s => Contains(s.Condition, part),
        _ => false,
    };

    private static int Size(Expr expr) => expr switch
    {
        Unary u => 1 + Size(u.Operand),
        Binary b => 1 + Size(b.Left) + Size(b.Right),
        Call c => 1 + Size(c.First) + (c.Second is null ? 0 : Size(c.Second)),
        Select s => 1 + Size(s.Condition) + Size(s.WhenTrue) + Size(s.WhenFalse),
        _ => 1,
    };

    private static Expr? ValueOf(CodeStmt statement) => statement switch
    {
        CodeDeclare d => d.Value,
        CodeAssign a => a.Value,
        CodeAddTo a => a.Value,
        _ => null,
    };

    private static void CollectMutable(IEnumerable<CodeStmt> block, HashSet<string> into)
    {
        var assignments = new Dictionary<string, int>();
        CollectWrites(block, assignments, into);
        into.UnionWith(assignments.Keys);
    }

    /// <summary>How often each scalar is assigned plainly (<c>x = ...</c>), and every name written otherwise (<c>+=</c>, an element, a <c>ref</c> argument).</summary>
    private static void CollectWrites(IEnumerable<CodeStmt> block, Dictionary<string, int> plainAssignments, HashSet<string> otherWrites)
    {
        foreach (CodeStmt statement in CodeWalker.All(block))
        {
            switch (statement)
            {
                case CodeAssign { Index: null } a:
                    plainAssignments[a.Name] = plainAssignments.TryGetValue(a.Name, out int count) ? count + 1 : 1;
                    break;
                case CodeAssign a:
                    otherWrites.Add(a.Name);
                    break;
                case CodeAddTo a:
                    otherWrites.Add(a.Name);
                    break;
                case CodeInvoke call:
                    otherWrites.UnionWith(call.Arguments.Where(a => a.Passing != Passing.Value).SelectMany(a => ExprRewriter.Variables(a.Value)));
                    break;
            }
        }
    }
}
