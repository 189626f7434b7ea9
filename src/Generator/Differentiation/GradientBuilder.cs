using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// The differentiation step of the pipeline, a pure function from <see cref="MethodModel"/> to
/// <see cref="GradientModel"/>: single exit, SSA, forward preparation, forward sweep, reverse sweep.
/// </summary>
internal static class GradientBuilder
{
    public static GradientModel Build(MethodModel method)
    {
        NameAllocator names = CreateNames(method);
        string resultName = names.Allocate("result");
        EquatableArray<Stmt> singleExit = ReturnNormalizer.Normalize(method.Body, resultName);
        (EquatableArray<Stmt> ssa, string result) = SsaBuilder.Build(singleExit, method.Parameters, names, resultName);
        List<ParameterModel> differentiated = method.Parameters.Where(p => p.IsDifferentiated).ToList();
        (EquatableArray<Stmt> prepared, HashSet<string> active) = ForwardPreparation.Prepare(ssa, names, differentiated.Select(p => p.Name));

        var forward = new List<CodeStmt> { new CodeComment("Forward sweep: the original computation, keeping every value the reverse sweep reads.", IsHeading: true) };
        EmitForward(prepared, forward, hoisted: false);

        var reverse = new List<CodeStmt>
        {
            CodeBlankLine.Instance,
            new CodeComment("Reverse sweep: each adjoint dv is the derivative of the result with respect to v.", IsHeading: true),
        };
        reverse.AddRange(ReverseSweep.Build(prepared, result, names, active, differentiated));
        return new GradientModel(method, forward.ToEquatableArray(), reverse.ToEquatableArray(), result);
    }

    /// <summary>Names used by the source method, its parameters and the gradient outputs: generated names avoid all of them.</summary>
    internal static NameAllocator CreateNames(MethodModel method) =>
        new(method.Parameters.Select(p => p.Name)
            .Concat(method.Parameters.Where(p => p.IsDifferentiated).Select(p => p.GradientName))
            .Concat(method.LocalNames));

    /// <summary>
    /// Writes the forward sweep. Values assigned inside an <c>if</c> are declared before the outermost
    /// <c>if</c>, because the reverse sweep (a separate <c>if</c> on the same condition) reads them.
    /// </summary>
    private static void EmitForward(IEnumerable<Stmt> block, List<CodeStmt> output, bool hoisted)
    {
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case AssignStatement assign when hoisted:
                    output.Add(new CodeAssign(assign.Target, assign.Value));
                    break;
                case AssignStatement assign:
                    output.Add(new CodeDeclare(assign.Target, assign.Value.Kind, assign.Value));
                    break;
                case IfStatement branch:
                    if (!hoisted)
                    {
                        var declared = new HashSet<string>();
                        foreach (AssignStatement inner in AssignmentsIn(branch.Then).Concat(AssignmentsIn(branch.Else)))
                        {
                            if (declared.Add(inner.Target))
                            {
                                output.Add(new CodeDeclare(inner.Target, inner.Value.Kind, DefaultOf(inner.Value.Kind)));
                            }
                        }
                    }

                    var then = new List<CodeStmt>();
                    var otherwise = new List<CodeStmt>();
                    EmitForward(branch.Then, then, hoisted: true);
                    EmitForward(branch.Else, otherwise, hoisted: true);
                    output.Add(new CodeIf(branch.Condition, then.ToEquatableArray(), otherwise.ToEquatableArray()));
                    break;
            }
        }
    }

    private static IEnumerable<AssignStatement> AssignmentsIn(IEnumerable<Stmt> block)
    {
        foreach (Stmt statement in block)
        {
            if (statement is AssignStatement assign)
            {
                yield return assign;
            }
            else if (statement is IfStatement branch)
            {
                foreach (AssignStatement inner in AssignmentsIn(branch.Then).Concat(AssignmentsIn(branch.Else)))
                {
                    yield return inner;
                }
            }
        }
    }

    private static Expr DefaultOf(ValueKind kind) => kind switch
    {
        ValueKind.Double => Constant.Zero,
        ValueKind.Int => new IntConstant(0),
        _ => new BoolConstant(false),
    };
}
