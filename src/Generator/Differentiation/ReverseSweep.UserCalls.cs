using System.Collections.Generic;
using System.Linq;
using SymGrad.Generator.IR;
using SymGrad.Generator.Model;
using SymGrad.Generator.Naming;

namespace SymGrad.Generator.Differentiation;

/// <summary>
/// Calls of user methods: the rule of a callee is its derivative method, called in the reverse sweep
/// with the forward values of the arguments. A <c>[Differentiable]</c> callee's pullback gets the
/// call's adjoint as its seed and adds into the outputs: scalar outputs are fresh locals that then
/// flow into the argument expressions, span outputs are the caller's own adjoint spans (or, in a fused
/// loop, its partial-gradient buffers). A custom gradient overwrites its outputs with the partials,
/// which are scaled by the adjoint here; its span outputs are pooled scratch buffers.
/// </summary>
internal sealed partial class ReverseSweep
{
    private void BackpropagateUserCall(UserCall call, Expr adjoint)
    {
        Callee callee = call.Callee;
        if (callee.Style == CalleeDerivative.Constant)
        {
            return;
        }

        bool pullback = callee.Style == CalleeDerivative.Pullback;
        adjoint = Share(call, adjoint, uses: 2);
        var arguments = new List<CodeArgument>(call.Arguments.Select(a => new CodeArgument(a)));
        if (pullback)
        {
            arguments.Add(new CodeArgument(adjoint));
        }

        CallDerivative(callee, call.Arguments, arguments, pullback, adjoint);
    }

    /// <summary>
    /// A call statement of a vector-valued method of another assembly, in reverse: its pullback, seeded
    /// with the output's adjoint span (so it adds Jᵀ dOutput to the arguments' adjoints); then that adjoint
    /// is cleared, since the call overwrote the output and what the array held before reaches nothing.
    /// </summary>
    private void ReverseVectorCall(VectorCallStatement call)
    {
        output.Add(CodeBlankLine.Instance);
        output.Add(new CodeComment(DescribeLine(call.Note) + "  (the callee's pullback, seeded with the output's adjoint)"));
        string seed = arrayAdjoints[call.Output];
        var arguments = new List<CodeArgument>(call.Arguments.Select(a => new CodeArgument(a))) { new(new Variable(seed, ValueKind.DoubleArray)) };
        CallDerivative(call.Callee, call.Arguments, arguments, pullback: true, Constant.One);
        output.Add(new CodeClear(seed));
    }

    /// <summary>
    /// Calls a callee's derivative method with <paramref name="arguments"/> (the call's arguments, and
    /// the seed of a pullback) followed by one output per differentiated parameter, then sends each
    /// output back into its argument.
    /// </summary>
    private void CallDerivative(Callee callee, IReadOnlyList<Expr> callArguments, List<CodeArgument> arguments, bool pullback, Expr adjoint)
    {
        string stem = Names.ShortName(callee.DisplayName);
        var scalarOutputs = new List<(Expr Argument, Variable Output)>();
        var arrayOutputs = new List<(string Array, string Span, string? Buffer)>();
        var passedSpans = new HashSet<string>();
        for (int i = 0; i < callee.Parameters.Count; i++)
        {
            CalleeParameter parameter = callee.Parameters[i];
            Expr argument = callArguments[i];
            if (!parameter.Differentiated)
            {
                continue;
            }

            if (!parameter.IsArray)
            {
                bool wanted = Activity.IsActive(argument, active);
                var outputVariable = new Variable(names.Allocate("d" + stem + Names.Capitalize(parameter.Name)), ValueKind.Double);
                if (pullback)
                {
                    output.Add(new CodeDeclare(outputVariable.Name, ValueKind.Double, Constant.Zero));
                    arguments.Add(new CodeArgument(outputVariable, Passing.Ref));
                }
                else
                {
                    arguments.Add(new CodeArgument(outputVariable, wanted ? Passing.OutDeclare : Passing.OutDiscard));
                }

                if (wanted)
                {
                    scalarOutputs.Add((argument, outputVariable));
                }

                continue;
            }

            string array = ((ArrayArgument)argument).Array;
            string? direct = pullback && active.Contains(array) ? AdjointSpanOf(array) : null;
            if (direct is not null && passedSpans.Add(direct))
            {
                arguments.Add(new CodeArgument(new Variable(direct, ValueKind.DoubleArray)));
                continue;
            }

            // A scratch buffer: the custom gradient overwrites it, or nothing wants this output, or the
            // same array is passed twice (one adjoint span cannot be two outputs).
            string span = names.Allocate("d" + stem + Names.Capitalize(parameter.Name));
            string buffer = names.Allocate(span + "Buffer");
            output.Add(new CodeRentBuffer(span, buffer, new LengthOf(array)));
            arguments.Add(new CodeArgument(new Variable(span, ValueKind.DoubleArray)));
            arrayOutputs.Add((array, span, buffer));
        }

        output.Add(new CodeInvoke(callee.Derivative, arguments.ToEquatableArray()));
        foreach ((string array, string span, string? buffer) in arrayOutputs)
        {
            if (active.Contains(array))
            {
                var k = new Variable(names.Allocate("k"), ValueKind.Int);
                List<CodeStmt> saved = output;
                output = new List<CodeStmt>();
                Expr element = new ElementRead(span, k, ValueKind.Double);
                AddElementContribution(array, k, pullback ? element : E.Mul(adjoint, element));
                List<CodeStmt> body = output;
                output = saved;
                output.Add(new CodeFor(k.Name, new IntConstant(0), new LengthOf(array), false, body.ToEquatableArray()));
            }

            output.Add(new CodeReturnBuffer(buffer!));
        }

        foreach ((Expr argument, Variable outputVariable) in scalarOutputs)
        {
            Backpropagate(argument, pullback ? outputVariable : E.Mul(adjoint, outputVariable));
        }
    }

    /// <summary>The span that collects an array's adjoint at this point: its adjoint, or in a fused iteration the loop's partial-gradient buffer.</summary>
    private string? AdjointSpanOf(string array)
    {
        if (fusion is not null && !IsWrittenIn(fusion.Loop.Body, array))
        {
            return PartialGradientBuffer(array);
        }

        return arrayAdjoints.TryGetValue(array, out string? adjoint) ? adjoint : null;
    }

}
