using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Simplification;

/// <summary>
/// The simplification step of the pipeline: algebraic simplification of every expression of the
/// reverse sweep, then common-subexpression elimination against the forward sweep and within the
/// reverse sweep, then the coalescing of SSA copies (loops update their variables in place). The
/// forward sweep computes exactly what the user wrote, in the same order.
/// </summary>
internal static class GradientSimplifier
{
    public static GradientModel Simplify(GradientModel model)
    {
        List<CodeStmt> reverse = SimplifyBlock(model.Reverse);
        NameAllocator names = Names.For(model.Method);
        ReserveNames(model.Forward, names);
        ReserveNames(reverse, names);
        names.Reserve(model.TapeName);
        reverse = CommonSubexpressions.Eliminate(model.Forward, reverse, names);
        List<CodeStmt> forward = EliminateInFusedIterations(model.Forward, names);
        return CopyCoalescing.Apply(model with { Forward = forward.ToEquatableArray(), Reverse = reverse.ToEquatableArray() });
    }

    /// <summary>
    /// A fused loop carries its iteration's derivative after the iteration's forward code: common
    /// subexpressions are eliminated there too, against that forward code.
    /// </summary>
    private static List<CodeStmt> EliminateInFusedIterations(IEnumerable<CodeStmt> block, NameAllocator names) => block.Select(statement =>
    {
        if (statement is not CodeFor loop)
        {
            return statement is CodeIf branch
                ? branch with { Then = EliminateInFusedIterations(branch.Then, names).ToEquatableArray(), Else = EliminateInFusedIterations(branch.Else, names).ToEquatableArray() }
                : statement;
        }

        List<CodeStmt> body = EliminateInFusedIterations(loop.Body, names);
        int heading = body.FindIndex(s => s is CodeComment { IsHeading: true } c && c.Text.StartsWith(ForwardSweepEmitter.FusedIterationHeading, System.StringComparison.Ordinal));
        if (heading < 0)
        {
            return loop with { Body = body.ToEquatableArray() };
        }

        List<CodeStmt> iteration = CommonSubexpressions.Eliminate(body.Take(heading).ToList(), body.Skip(heading + 1).ToList(), names);
        return loop with { Body = body.Take(heading + 1).Concat(iteration).ToEquatableArray() };
    }).ToList();

    internal static List<CodeStmt> SimplifyBlock(IEnumerable<CodeStmt> block) => block.Select(statement => statement switch
    {
        CodeDeclare d => d with { Value = Simplifier.Simplify(d.Value) },
        CodeAssign a => a with { Value = Simplifier.Simplify(a.Value) },
        CodeAddTo a => a with { Value = Simplifier.Simplify(a.Value) },
        CodeIf i => i with { Then = SimplifyBlock(i.Then).ToEquatableArray(), Else = SimplifyBlock(i.Else).ToEquatableArray() },
        CodeFor f => f with { Body = SimplifyBlock(f.Body).ToEquatableArray() },
        CodeInvoke c => c with { Arguments = c.Arguments.Select(a => a with { Value = Simplifier.Simplify(a.Value) }).ToEquatableArray() },
        _ => statement,
    }).Where(statement => statement is not CodeAddTo { Value: Constant { Value: 0.0 } }).ToList();

    internal static void ReserveNames(IEnumerable<CodeStmt> block, NameAllocator names)
    {
        foreach (string name in CodeWalker.DeclaredNames(block))
        {
            names.Reserve(name);
        }
    }
}
