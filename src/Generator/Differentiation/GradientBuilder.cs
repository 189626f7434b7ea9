using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;
using SymGrad.Generator.Normalization;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// The differentiation step of the pipeline, a pure function from <see cref="MethodModel"/> to
/// <see cref="GradientModel"/>: single exit, SSA, forward preparation, reverse sweep, and the
/// forward sweep (written last, because taped loops push what the reverse sweep turned out to read
/// and fused loops carry their iteration's reverse code).
/// </summary>
internal static class GradientBuilder
{
    /// <summary>The heading before a fused loop's iteration derivative inside the forward loop (simplification looks for it).</summary>
    internal const string FusedIterationHeading = "This iteration's derivative";

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
        var nothing = new ReverseResult(new List<CodeStmt>(), new Dictionary<int, List<(string Name, ValueKind Kind)>>(), new Dictionary<int, FusionPlan>(), new Dictionary<string, string>(), new HashSet<string>());
        var forward = new ForwardEmitter(nothing, names);
        forward.Output.Add(new CodeComment("The original computation, each value followed by its tangent: its derivative along the direction t.", IsHeading: true));
        forward.Emit(body.Prepared, hoisted: false);
        return new GradientModel(method, forward.Output.ToEquatableArray(), EquatableArray<CodeStmt>.Empty, body.Result)
        {
            Request = DerivativeRequest.Tangent,
            RentedBuffers = forward.RentedBuffers.ToEquatableArray(),
        };
    }

    /// <summary>Single exit, SSA and forward preparation: what every request starts from.</summary>
    private static PreparedBody Prepare(MethodModel method, NameAllocator names)
    {
        string resultName = names.Allocate("result");
        EquatableArray<Stmt> singleExit = LoopExitNormalizer.Normalize(ReturnNormalizer.Normalize(method.Body, resultName, names), names);
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
        ReverseResult sweep = ReverseSweep.Build(prepared, result, names, active, differentiated, request);
        reverse.AddRange(sweep.Code);

        var forward = new ForwardEmitter(sweep, names);
        forward.Output.Add(new CodeComment("Forward sweep: the original computation, keeping every value the reverse sweep reads.", IsHeading: true));
        forward.Emit(prepared, hoisted: false);
        bool usesTape = sweep.Pushes.Values.Any(p => p.Count > 0);
        return new GradientModel(method, forward.Output.ToEquatableArray(), reverse.ToEquatableArray(), result)
        {
            Request = request,
            UsesTape = usesTape,
            TapeName = usesTape ? names.Allocate("tape") : "tape",
            RentedBuffers = forward.RentedBuffers.ToEquatableArray(),
            OutputAdjoint = request.VectorOutput is not null && sweep.ArrayAdjoints.TryGetValue(request.VectorOutput, out string? outputAdjoint) ? outputAdjoint : null,
        };
    }

    /// <summary>
    /// Writes the forward sweep. Values assigned inside an <c>if</c> are declared before the outermost
    /// <c>if</c> of their block, because the reverse sweep (a separate <c>if</c> on the same condition)
    /// reads them.
    /// </summary>
    private sealed class ForwardEmitter
    {
        private readonly ReverseResult sweep;
        private readonly NameAllocator names;
        private readonly HashSet<string> declared = new();

        /// <summary>The pooled arrays of adjoint buffers declared before a branch and rented inside it.</summary>
        private readonly Dictionary<string, string> hoistedBuffers = new();

        public ForwardEmitter(ReverseResult sweep, NameAllocator names)
        {
            this.sweep = sweep;
            this.names = names;
        }

        public List<CodeStmt> Output { get; private set; } = new();

        public List<string> RentedBuffers { get; } = new();

        public void Emit(IEnumerable<Stmt> block, bool hoisted)
        {
            foreach (Stmt statement in block)
            {
                switch (statement)
                {
                    case AssignStatement assign when sweep.DeadSaves.Contains(assign.Target):
                        break;
                    case AssignStatement assign when hoisted || !declared.Add(assign.Target):
                        // Hoisted before its branch, or a loop's back edge to its carried variable.
                        Output.Add(new CodeAssign(assign.Target, assign.Value));
                        break;
                    case AssignStatement assign:
                        Output.Add(new CodeDeclare(assign.Target, assign.Value.Kind, assign.Value));
                        break;
                    case ElementAssignStatement element:
                        Output.Add(new CodeAssign(element.Array, element.Value, element.Index));
                        break;
                    case ArrayDeclareStatement declare when hoisted:
                        // Declared before the outermost branch (see EmitIf): allocate it here.
                        Output.Add(new CodeArrayAllocate(declare.Name, declare.Length, declare.StackAlloc));
                        if (sweep.ArrayAdjoints.TryGetValue(declare.Name, out string? hoistedAdjoint))
                        {
                            Output.Add(new CodeRentBuffer(hoistedAdjoint, hoistedBuffers[hoistedAdjoint], declare.Length, BufferStep.RentIntoDeclared));
                        }

                        break;
                    case ArrayDeclareStatement declare:
                        Output.Add(new CodeArrayDeclare(declare.Name, declare.Length, declare.StackAlloc));
                        if (sweep.ArrayAdjoints.TryGetValue(declare.Name, out string? adjoint))
                        {
                            Rent(adjoint, declare.Length);
                        }

                        break;
                    case IfStatement branch:
                        EmitIf(branch, hoisted);
                        break;
                    case LengthCheckStatement check:
                        Output.Add(new CodeLengthCheck(check.Array, check.Other, check.Function));
                        break;
                    case FailWhenStatement fail:
                        Output.Add(new CodeFailWhen(fail.Condition, fail.Message));
                        break;
                    case ForStatement loop:
                        EmitFor(loop);
                        break;
                }
            }
        }

        private void EmitIf(IfStatement branch, bool hoisted)
        {
            if (!hoisted)
            {
                var hoistedHere = new HashSet<string>();
                foreach (AssignStatement inner in AssignmentsIn(branch.Then).Concat(AssignmentsIn(branch.Else)))
                {
                    if (hoistedHere.Add(inner.Target) && declared.Add(inner.Target))
                    {
                        Output.Add(new CodeDeclare(inner.Target, inner.Value.Kind, DefaultOf(inner.Value.Kind)));
                    }
                }

                // Where a loop in a branch stopped: the reverse sweep reads it after the branch.
                foreach (string stop in RecordedStopsIn(branch.Then.Concat(branch.Else)))
                {
                    if (declared.Add(stop))
                    {
                        Output.Add(new CodeDeclare(stop, ValueKind.Int, new IntConstant(0)));
                    }
                }

                // A local array declared after an early return sits in a branch; the reverse sweep reads it after that branch.
                foreach (ArrayDeclareStatement array in ReverseSweep.ArrayDeclarationsIn(branch.Then.Concat(branch.Else)))
                {
                    Output.Add(new CodeArrayDeclare(array.Name, array.Length, array.StackAlloc, Deferred: true));
                    if (sweep.ArrayAdjoints.TryGetValue(array.Name, out string? adjoint))
                    {
                        string buffer = names.Allocate(adjoint + "Buffer");
                        hoistedBuffers[adjoint] = buffer;
                        Output.Add(new CodeRentBuffer(adjoint, buffer, array.Length, BufferStep.DeclareEmpty));
                        RentedBuffers.Add(buffer);
                    }
                }
            }

            List<CodeStmt> then = Nested(branch.Then, hoisted: true);
            List<CodeStmt> otherwise = Nested(branch.Else, hoisted: true);
            Output.Add(new CodeIf(branch.Condition, then.ToEquatableArray(), otherwise.ToEquatableArray()));
        }

        private void EmitFor(ForStatement loop)
        {
            sweep.Fused.TryGetValue(loop.Id, out FusionPlan? plan);
            if (plan is not null)
            {
                foreach ((string _, string accumulator) in plan.Scalars)
                {
                    Output.Add(new CodeDeclare(accumulator, ValueKind.Double, Constant.Zero));
                }

                foreach ((string outer, string buffer, bool direct) in plan.Arrays.Where(a => !a.Direct && plan.RecomputedInReverse is null))
                {
                    Rent(buffer, new LengthOf(outer));
                }
            }

            bool recordsStop = loop.Stop is not null && sweep.RecordedStops.Contains(loop.Stop);
            Expr one = new IntConstant(1);
            if (recordsStop)
            {
                // Nothing ran yet: the reverse loop over [start, stop) (descending: [stop, start]) is empty.
                Expr none = loop.Descending ? new Binary(BinaryOperator.Add, loop.Start, one, ValueKind.Int) : loop.Start;
                Output.Add(new CodeComment("Where the loop stops (it may exit early): the reverse sweep runs back from there."));
                Output.Add(declared.Add(loop.Stop!) ? new CodeDeclare(loop.Stop!, ValueKind.Int, none) : new CodeAssign(loop.Stop!, none));
            }

            List<CodeStmt> body = Nested(loop.Body, hoisted: false);
            if (recordsStop)
            {
                var counter = new Variable(loop.Counter, ValueKind.Int);
                body.Insert(0, new CodeAssign(loop.Stop!, loop.Descending ? counter : new Binary(BinaryOperator.Add, counter, one, ValueKind.Int)));
            }

            if (plan is not null && plan.IterationReverse.Count > 0)
            {
                body.Add(CodeBlankLine.Instance);
                body.Add(new CodeComment(FusedIterationHeading + ", seeded with d(" + plan.Accumulator + ") = 1 and accumulated for the reverse sweep (fused loop).", IsHeading: true));
                body.AddRange(plan.IterationReverse);
            }

            if (sweep.Pushes.TryGetValue(loop.Id, out List<(string Name, ValueKind Kind)>? values) && values.Count > 0)
            {
                body.Add(new CodeComment("Saved for the reverse sweep.", IsHeading: true));
                body.AddRange(values.Select(v => (CodeStmt)new CodeTapePush(new Variable(v.Name, v.Kind))));
            }

            Output.Add(new CodeFor(loop.Counter, loop.Start, loop.End, loop.Descending, body.ToEquatableArray(), loop.Exit));
        }

        /// <summary>The stops of the loops in <paramref name="block"/> and its branches that the reverse sweep reads (nested loops declare their own).</summary>
        private IEnumerable<string> RecordedStopsIn(IEnumerable<Stmt> block)
        {
            foreach (Stmt statement in block)
            {
                if (statement is ForStatement { Stop: { } stop } && sweep.RecordedStops.Contains(stop))
                {
                    yield return stop;
                }
                else if (statement is IfStatement branch)
                {
                    foreach (string inner in RecordedStopsIn(branch.Then.Concat(branch.Else)))
                    {
                        yield return inner;
                    }
                }
            }
        }

        /// <summary>The pooled array behind a span gets its own fresh name: a source local may be called <c>dTBuffer</c>.</summary>
        private void Rent(string span, Expr length)
        {
            string buffer = names.Allocate(span + "Buffer");
            Output.Add(new CodeRentBuffer(span, buffer, length));
            RentedBuffers.Add(buffer);
        }

        private List<CodeStmt> Nested(IEnumerable<Stmt> block, bool hoisted)
        {
            List<CodeStmt> saved = Output;
            Output = new List<CodeStmt>();
            Emit(block, hoisted);
            List<CodeStmt> nested = Output;
            Output = saved;
            return nested;
        }
    }

    private static IEnumerable<AssignStatement> AssignmentsIn(IEnumerable<Stmt> block) => StatementWalker.All(block, intoLoops: false).OfType<AssignStatement>();

    private static Expr DefaultOf(ValueKind kind) => kind switch
    {
        ValueKind.Double => Constant.Zero,
        ValueKind.Int => new IntConstant(0),
        _ => new BoolConstant(false),
    };
}

/// <summary>A method body after single exit, SSA and forward preparation, with its result and active names.</summary>
internal sealed record PreparedBody(EquatableArray<Stmt> Prepared, string Result, HashSet<string> Active, List<ParameterModel> Differentiated);
