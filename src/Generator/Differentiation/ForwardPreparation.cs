using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Prepares the SSA body for the reverse sweep, in one forward pass:
/// <list type="bullet">
/// <item>activity analysis: a variable is active when its value depends on a differentiated parameter;</item>
/// <item>values the derivative rules read (<see cref="DerivativeRules.Needs"/>) that are not already
/// plain variables are named by temporaries (<c>exp</c>, <c>sigmoid</c>, <c>product</c>, ...), so the
/// reverse sweep reuses them instead of recomputing them;</item>
/// <item>the condition of every <c>if</c> that holds active code is stored in a <c>bool</c>, so the
/// reverse sweep takes exactly the branch the forward sweep took.</item>
/// </list>
/// </summary>
internal sealed class ForwardPreparation
{
    private readonly NameAllocator names;
    private readonly HashSet<string> active;

    /// <summary>Values already named in the current block or an enclosing one: reused, not recomputed.</summary>
    private Dictionary<Expr, string> named = new();

    private ForwardPreparation(NameAllocator names, IEnumerable<string> differentiatedParameters)
    {
        this.names = names;
        active = new HashSet<string>(differentiatedParameters);
    }

    public static (EquatableArray<Stmt> Body, HashSet<string> Active) Prepare(IReadOnlyList<Stmt> body, NameAllocator names, IEnumerable<string> differentiatedParameters)
    {
        var preparation = new ForwardPreparation(names, differentiatedParameters);
        List<Stmt> prepared = preparation.PrepareBlock(body);
        return (prepared.ToEquatableArray(), preparation.active);
    }

    public static bool IsActive(Expr expr, ISet<string> active) => expr.Kind == ValueKind.Double && Normalization.ExprRewriter.Variables(expr).Any(active.Contains);

    private List<Stmt> PrepareBlock(IReadOnlyList<Stmt> block)
    {
        Dictionary<Expr, string> saved = named;
        named = new Dictionary<Expr, string>(saved);
        var output = new List<Stmt>();
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case AssignStatement assign when IsActive(assign.Value, active):
                    var prelude = new List<Stmt>();
                    Expr value = NameNeededValues(assign.Value, isRoot: true, prelude);
                    output.AddRange(prelude);
                    output.Add(assign with { Value = value });
                    active.Add(assign.Target);
                    Remember(value, assign.Target);
                    break;
                case AssignStatement assign:
                    output.Add(assign);
                    Remember(assign.Value, assign.Target);
                    break;
                case IfStatement branch:
                    output.AddRange(PrepareIf(branch));
                    break;
                default:
                    output.Add(statement);
                    break;
            }
        }

        named = saved;
        return output;
    }

    private IEnumerable<Stmt> PrepareIf(IfStatement branch)
    {
        // Named before the branches so that outer conditions get the lower numbers; released if unused.
        string conditionName = names.Allocate("condition");
        List<Stmt> then = PrepareBlock(branch.Then);
        List<Stmt> otherwise = PrepareBlock(branch.Else);
        if (!ContainsActiveAssignment(then) && !ContainsActiveAssignment(otherwise))
        {
            names.Release(conditionName);
            return new Stmt[] { branch with { Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() } };
        }

        var condition = new Variable(conditionName, ValueKind.Bool);
        return new Stmt[]
        {
            new AssignStatement(conditionName, branch.Condition, SourceNote.None),
            branch with { Condition = condition, Then = then.ToEquatableArray(), Else = otherwise.ToEquatableArray() },
        };
    }

    private void Remember(Expr value, string name)
    {
        if (!IsAtomic(value) && !named.ContainsKey(value))
        {
            named[value] = name;
        }
    }

    private bool ContainsActiveAssignment(IEnumerable<Stmt> block) => block.Any(s => s switch
    {
        AssignStatement a => active.Contains(a.Target),
        IfStatement i => ContainsActiveAssignment(i.Then) || ContainsActiveAssignment(i.Else),
        _ => false,
    });

    private Expr NameNeededValues(Expr expr, bool isRoot, List<Stmt> prelude)
    {
        Expr rebuilt = expr switch
        {
            Unary u => u with { Operand = NameNeededValues(u.Operand, false, prelude) },
            Binary b => b with { Left = NameNeededValues(b.Left, false, prelude), Right = NameNeededValues(b.Right, false, prelude) },
            Call c => c with { First = NameNeededValues(c.First, false, prelude), Second = c.Second is null ? null : NameNeededValues(c.Second, false, prelude) },
            _ => expr,
        };

        if (!IsActive(rebuilt, active))
        {
            return rebuilt;
        }

        (Expr? first, Expr? second) = Operands(rebuilt);
        NeededValues needs = DerivativeRules.Needs(rebuilt, first is not null && IsActive(first, active), second is not null && IsActive(second, active));
        if (needs.HasFlag(NeededValues.First) && first is not null)
        {
            rebuilt = ReplaceOperand(rebuilt, 0, Name(first, prelude));
        }

        if (needs.HasFlag(NeededValues.Second) && second is not null)
        {
            rebuilt = ReplaceOperand(rebuilt, 1, Name(second, prelude));
        }

        return needs.HasFlag(NeededValues.Self) && !isRoot ? Name(rebuilt, prelude) : rebuilt;
    }

    private Expr Name(Expr value, List<Stmt> prelude)
    {
        if (IsAtomic(value))
        {
            return value;
        }

        if (named.TryGetValue(value, out string? existing))
        {
            return new Variable(existing, value.Kind);
        }

        string name = names.Allocate(StemOf(value));
        named[value] = name;
        prelude.Add(new AssignStatement(name, value, SourceNote.None));
        if (IsActive(value, active))
        {
            active.Add(name);
        }

        return new Variable(name, value.Kind);
    }

    internal static bool IsAtomic(Expr expr) => expr switch
    {
        Variable or Constant or IntConstant or BoolConstant or Opaque => true,
        Unary { Operator: UnaryOperator.Negate or UnaryOperator.ToDouble, Operand: var operand } => IsAtomic(operand),
        _ => false,
    };

    private static (Expr? First, Expr? Second) Operands(Expr expr) => expr switch
    {
        Binary b => (b.Left, b.Right),
        Call c => (c.First, c.Second),
        Unary u => (u.Operand, null),
        _ => (null, null),
    };

    private static Expr ReplaceOperand(Expr expr, int index, Expr operand) => (expr, index) switch
    {
        (Binary b, 0) => b with { Left = operand },
        (Binary b, _) => b with { Right = operand },
        (Call c, 0) => c with { First = operand },
        (Call c, _) => c with { Second = operand },
        _ => expr,
    };

    internal static string StemOf(Expr expr) => expr switch
    {
        Call c => c.Function.ToString().ToLowerInvariant(),
        Binary { Operator: BinaryOperator.Add } => "sum",
        Binary { Operator: BinaryOperator.Subtract } => "difference",
        Binary { Operator: BinaryOperator.Multiply } => "product",
        Binary { Operator: BinaryOperator.Divide } => "quotient",
        Unary { Operator: UnaryOperator.Negate } => "negated",
        _ => "value",
    };
}
