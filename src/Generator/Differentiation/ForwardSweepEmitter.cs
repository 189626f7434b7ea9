using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.Differentiation.Planning;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Writes the forward sweep from the <see cref="LoopPlan"/> and the reverse sweep's immutable
/// <see cref="ReverseResult"/>: the original statements, minus the saved old elements nothing restores;
/// per loop, the recorded stop, a fused loop's partial-gradient accumulators and iteration derivative,
/// a taped loop's pushes. Values assigned inside an <c>if</c> are declared before the outermost
/// <c>if</c> of their block, because the reverse sweep (a separate <c>if</c> on the same condition)
/// reads them.
/// </summary>
internal sealed class ForwardSweepEmitter
{
    /// <summary>The heading before a fused loop's iteration derivative inside the forward loop (simplification looks for it).</summary>
    internal const string FusedIterationHeading = "This iteration's derivative";

    private readonly LoopPlan plan;
    private readonly ReverseResult sweep;
    private readonly HashSet<string> deadSaves;
    private readonly NameAllocator names;
    private readonly HashSet<string> declared = new();

    /// <summary>The pooled arrays of adjoint buffers declared before a branch and rented inside it.</summary>
    private readonly Dictionary<string, string> hoistedBuffers = new();

    public ForwardSweepEmitter(LoopPlan plan, ReverseResult sweep, NameAllocator names)
    {
        this.plan = plan;
        this.sweep = sweep;
        deadSaves = new HashSet<string>(plan.DeadSaves.Concat(sweep.DroppedSaves));
        this.names = names;
    }

    public List<CodeStmt> Output { get; private set; } = new();

    public List<string> RentedBuffers { get; } = new();

    /// <summary>The local arrays taken from the pool instead of allocated (<see cref="LocalArrayPooling"/>).</summary>
    public ISet<string> Pooled { get; init; } = new HashSet<string>();

    public void Emit(IEnumerable<Stmt> block, bool hoisted)
    {
        foreach (Stmt statement in block)
        {
            switch (statement)
            {
                case AssignStatement assign when deadSaves.Contains(assign.Target):
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
                    if (sweep.AdjointOf(declare.Name) is { } hoistedAdjoint)
                    {
                        Output.Add(new CodeRentBuffer(hoistedAdjoint, hoistedBuffers[hoistedAdjoint], declare.Length, BufferStep.RentIntoDeclared));
                    }

                    break;
                case ArrayDeclareStatement declare when Pooled.Contains(declare.Name):
                    Rent(declare.Name, declare.Length);
                    if (sweep.AdjointOf(declare.Name) is { } pooledAdjoint)
                    {
                        Rent(pooledAdjoint, declare.Length);
                    }

                    break;
                case ArrayDeclareStatement declare:
                    Output.Add(new CodeArrayDeclare(declare.Name, declare.Length, declare.StackAlloc));
                    if (sweep.AdjointOf(declare.Name) is { } adjoint)
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
                case VectorCallStatement call:
                    Output.Add(new CodeInvoke(call.Callee.Target, call.Arguments.Select(a => new CodeArgument(a)).ToEquatableArray())
                    {
                        VectorOutput = call.Output,
                        VectorCallee = call.Callee,
                        VectorJacobian = call.Jacobian,
                    });
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
                if (sweep.AdjointOf(array.Name) is { } adjoint)
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
        FusedIteration? fused = sweep.FusedIterationOf(loop.Id);
        if (fused is not null)
        {
            foreach (PartialAccumulator scalar in fused.Scalars)
            {
                Output.Add(new CodeDeclare(scalar.Accumulator, ValueKind.Double, Constant.Zero));
            }

            foreach (PartialBuffer array in fused.Arrays.Where(a => !a.Direct && !fused.RunsInReverse))
            {
                Rent(array.Buffer, new LengthOf(array.Outer));
            }
        }

        bool recordsStop = RecordsStop(loop);
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

        if (fused is not null && !fused.RunsInReverse && fused.Code.Count > 0)
        {
            body.Add(CodeBlankLine.Instance);
            body.Add(new CodeComment(FusedIterationHeading + ", seeded with d(" + fused.Accumulator + ") = 1 and accumulated for the reverse sweep (fused loop).", IsHeading: true));
            body.AddRange(fused.Code);
        }

        EquatableArray<SavedValue> values = sweep.SavesOf(loop.Id);
        EquatableArray<string> arrays = sweep.FinalContentsOf(loop.Id);
        if (values.Count > 0 || arrays.Count > 0)
        {
            body.Add(new CodeComment("Saved for the reverse sweep.", IsHeading: true));
            body.AddRange(values.Select(v => (CodeStmt)new CodeTapePush(new Variable(v.Name, v.Kind))));
        }

        // The scratch arrays' final contents, instead of every element the iteration overwrote.
        foreach (string array in arrays)
        {
            var index = new Variable(names.Allocate("index"), ValueKind.Int);
            var push = new CodeTapePush(new ElementRead(array, index, ValueKind.Double));
            body.Add(new CodeFor(index.Name, new IntConstant(0), new LengthOf(array), false, new CodeStmt[] { push }.ToEquatableArray()));
        }

        Output.Add(new CodeFor(loop.Counter, loop.Start, loop.End, loop.Descending, body.ToEquatableArray(), loop.Exit));
    }

    /// <summary>The stops of the loops in <paramref name="block"/> and its branches that the reverse sweep reads (nested loops declare their own).</summary>
    private IEnumerable<string> RecordedStopsIn(IEnumerable<Stmt> block) =>
        StatementWalker.All(block, intoLoops: false).OfType<ForStatement>().Where(RecordsStop).Select(loop => loop.Stop!);

    /// <summary>
    /// Whether the reverse sweep reads where <paramref name="loop"/> stopped: a taped loop the plan says
    /// so of, or a fused loop whose iteration derivative runs again in the reverse sweep.
    /// </summary>
    private bool RecordsStop(ForStatement loop) =>
        loop.Stop is not null && (plan.Of(loop.Id).RecordsStop || sweep.FusedIterationOf(loop.Id)?.RunsInReverse == true);

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

    private static IEnumerable<AssignStatement> AssignmentsIn(IEnumerable<Stmt> block) => StatementWalker.All(block, intoLoops: false).OfType<AssignStatement>();

    private static Expr DefaultOf(ValueKind kind) => kind switch
    {
        ValueKind.Double => Constant.Zero,
        ValueKind.Int => new IntConstant(0),
        _ => new BoolConstant(false),
    };
}
