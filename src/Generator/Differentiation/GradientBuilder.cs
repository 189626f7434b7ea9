using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// The differentiation step of the pipeline, a pure function from <see cref="MethodModel"/> to
/// <see cref="GradientModel"/>: single exit, induction integers in closed form, SSA, forward preparation, the loop plan
/// (<c>Planning/LoopPlanner</c>), the reverse sweep, and the forward sweep (<see cref="ForwardSweepEmitter"/>,
/// written last, because taped loops push what the reverse sweep turned out to read and fused loops
/// carry their iteration's reverse code).
/// </summary>
internal static class GradientBuilder
{
    /// <summary>
    /// The derivative methods of <paramref name="method"/>: its gradient and its pullback, which share
    /// the single exit, SSA and forward preparation and differ from the sweep on (their requests).
    /// </summary>
    public static DerivativeSet BuildAll(MethodModel method)
    {
        NameAllocator names = Names.For(method);
        if (method.Vector is { } vector)
        {
            GradientModel pullback = Differentiate(method, Prepare(method, names), names, DerivativeRequest.VectorPullback(vector.Output));
            return new DerivativeSet(pullback, pullback);
        }

        string seed = names.Allocate("seed");
        PreparedBody body = Prepare(method, names);
        return new DerivativeSet(
            Differentiate(method, body, names.Clone(), DerivativeRequest.Gradient),
            Differentiate(method, body, names.Clone(), DerivativeRequest.Pullback(seed)));
    }

    public static GradientModel Build(MethodModel method, DerivativeRequest request)
    {
        NameAllocator names = Names.For(method);
        if (request.SeedParameter is not null)
        {
            names.Reserve(request.SeedParameter);
        }

        return Differentiate(method, Prepare(method, names), names, request);
    }

    /// <summary>
    /// The primal program alone (single exit, SSA, forward preparation, no reverse sweep): what forward
    /// mode differentiates for <c>FTangent</c>.
    /// </summary>
    public static GradientModel BuildPrimal(MethodModel method)
    {
        NameAllocator names = Names.For(method);
        PreparedBody body = Prepare(method, names);
        // No reverse sweep: a plan with nothing active (no loop saves or records anything) and an empty sweep result.
        var nothing = new ReverseResult(EquatableArray<CodeStmt>.Empty, EquatableArray<LoopSaves>.Empty, EquatableArray<FusedIteration>.Empty, EquatableArray<ArrayAdjoint>.Empty);
        var forward = new ForwardSweepEmitter(LoopPlanner.Plan(body.Prepared, new HashSet<string>()), nothing, names) { Pooled = LocalArrayPooling.Poolable(body.Prepared) };
        forward.Output.Add(new CodeComment("The original computation, each value followed by its tangent: its derivative along the direction t.", IsHeading: true));
        forward.Emit(body.Prepared, hoisted: false);
        return new GradientModel(method, forward.Output.ToEquatableArray(), EquatableArray<CodeStmt>.Empty, body.Result)
        {
            Request = DerivativeRequest.Tangent,
            RentedBuffers = forward.RentedBuffers.ToEquatableArray(),
        };
    }

    /// <summary>Single exit, induction integers in closed form, SSA and forward preparation: what every request starts from.</summary>
    internal static PreparedBody Prepare(MethodModel method, NameAllocator names)
    {
        string resultName = names.Allocate("result");
        EquatableArray<Stmt> singleExit = LoopExitNormalizer.Normalize(ReturnNormalizer.Normalize(method.Body, resultName, names), names);
        singleExit = InductionVariables.Normalize(singleExit);
        (EquatableArray<Stmt> ssa, string result) = SsaBuilder.Build(singleExit, method.Parameters, names, resultName);
        List<ParameterModel> differentiated = method.Parameters.Where(p => p.IsDifferentiated).ToList();
        (EquatableArray<Stmt> prepared, HashSet<string> active) = ForwardPreparation.Prepare(ssa, names, differentiated.Select(p => p.Name));
        return new PreparedBody(prepared, result, active, differentiated);
    }

    private static GradientModel Differentiate(MethodModel method, PreparedBody body, NameAllocator names, DerivativeRequest request)
    {
        (EquatableArray<Stmt> prepared, string result, HashSet<string> shared, List<ParameterModel> differentiated) = body;
        var active = new HashSet<string>(shared);
        var reverse = new List<CodeStmt>
        {
            CodeBlankLine.Instance,
            new CodeComment("Reverse sweep: each adjoint dv is the derivative of the result with respect to v.", IsHeading: true),
        };
        LoopPlan plan = LoopPlanner.Plan(prepared, active);
        ReverseResult sweep = ReverseSweep.Build(prepared, result, names, active, differentiated, request, plan);
        reverse.AddRange(sweep.Code);

        var forward = new ForwardSweepEmitter(plan, sweep, names) { Pooled = LocalArrayPooling.Poolable(prepared) };
        forward.Output.Add(new CodeComment("Forward sweep: the original computation, keeping every value the reverse sweep reads.", IsHeading: true));
        forward.Emit(prepared, hoisted: false);
        bool usesTape = sweep.UsesTape;
        return new GradientModel(method, forward.Output.ToEquatableArray(), reverse.ToEquatableArray(), result)
        {
            Request = request,
            UsesTape = usesTape,
            TapeName = usesTape ? names.Allocate("tape") : "tape",
            RentedBuffers = forward.RentedBuffers.ToEquatableArray(),
            OutputAdjoint = request.VectorOutput is null ? null : sweep.AdjointOf(request.VectorOutput),
        };
    }
}

/// <summary>A method body after single exit, SSA and forward preparation, with its result and active names.</summary>
internal sealed record PreparedBody(EquatableArray<Stmt> Prepared, string Result, HashSet<string> Active, List<ParameterModel> Differentiated);
