using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Analyzers;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;
using SymGrad.Generator.Lowering.Callees;
using SymGrad.Generator.Model;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// Calls of user methods (see docs/composition.md): a <c>[Differentiable]</c> method of this or a
/// referenced assembly (differentiated through its pullback), a method with a <c>[DerivativeOf]</c>
/// derivative, or any static method whose arguments carry no derivative (its result is a constant).
/// Recursion, direct or through other methods, is SYMGRAD0013 at the call.
/// </summary>
internal sealed partial class BodyLowerer
{
    private Expr LowerUserCall(IInvocationOperation invocation)
    {
        IMethodSymbol target = invocation.TargetMethod;
        string display = target.ContainingType.Name + "." + target.Name;
        bool differentiable = CallGraph.IsDifferentiable(target);
        if (differentiable && CallGraph.Reaches(target, method, compilation, cancellationToken))
        {
            Report(DiagnosticDescriptors.RecursiveCall, invocation.Syntax, method.Name);
            return Invalid;
        }

        ValueKind? resultKind = MethodLowerer.KindOf(target.ReturnType);
        if (!target.IsStatic || target.IsGenericMethod || resultKind is null
            || target.Parameters.Any(p => p.RefKind != RefKind.None || MethodLowerer.AnyKindOf(p.Type) is null))
        {
            Report(DiagnosticDescriptors.UnsupportedCall, invocation.Syntax, display);
            return Invalid;
        }

        if (!CheckCalleePrecision(target, invocation))
        {
            return Invalid;
        }

        Expr[] arguments = LowerArguments(invocation);

        EquatableArray<CalleeParameter> parameters = target.Parameters
            .Select(p => new CalleeParameter(p.Name, MethodLowerer.AnyKindOf(p.Type)!.Value, SignatureRules.IsDifferentiated(p)))
            .ToEquatableArray();
        string type = target.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        string qualified = type + "." + target.Name;
        if (differentiable)
        {
            if (resultKind != ValueKind.Double || !HasPullback(target))
            {
                return Invalid;
            }

            if (TryInline(target, arguments, parameters) is { } inlined)
            {
                return inlined;
            }

            return new UserCall(new Callee(display, qualified, qualified + "Pullback", CalleeDerivative.Pullback, parameters), arguments.ToEquatableArray(), ValueKind.Double);
        }

        if (DerivativeIndex.For(compilation).Of(target) is { Count: > 0 } derivatives)
        {
            IMethodSymbol derivative = derivatives[0];
            string derivativeName = derivative.ContainingType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat) + "." + derivative.Name;
            return new UserCall(new Callee(display, qualified, derivativeName, CalleeDerivative.CustomGradient, parameters), arguments.ToEquatableArray(), ValueKind.Double);
        }

        var constantInputs = new System.Collections.Generic.HashSet<string>(method.Parameters.Where(p => !SignatureRules.IsDifferentiated(p)).Select(ParameterName));
        if (arguments.All(a => CarriesNoDerivative(a, constantInputs)))
        {
            return new UserCall(new Callee(display, qualified, qualified, CalleeDerivative.Constant, parameters), arguments.ToEquatableArray(), resultKind.Value);
        }

        Report(DiagnosticDescriptors.UnsupportedCall, invocation.Syntax, display);
        return Invalid;

        bool HasPullback(IMethodSymbol callee)
        {
            if (SymbolEqualityComparer.Default.Equals(callee.ContainingAssembly, compilation.Assembly))
            {
                if (CallGraph.GradientIsGenerated(callee, compilation, cancellationToken))
                {
                    return true;
                }

                Report(DiagnosticDescriptors.UnsupportedCallee, invocation.Syntax, display, "its own gradient cannot be generated (see the diagnostics at '" + callee.Name + "')");
                return false;
            }

            if (CompiledPullbackExists(callee))
            {
                return true;
            }

            Report(DiagnosticDescriptors.UnsupportedCallee, invocation.Syntax, display, "its assembly has no '" + callee.Name + "Pullback' (build that assembly with a SymGrad version that generates pullbacks)");
            return false;
        }
    }

    /// <summary>
    /// Whether a referenced assembly's method has its generated <c>{Name}Pullback</c>: the method's
    /// parameters, the seed, one output per differentiated parameter (a vector-valued method's output
    /// span is not one).
    /// </summary>
    private static bool CompiledPullbackExists(IMethodSymbol callee)
    {
        int? vectorOutput = SignatureRules.VectorOutputOf(callee)?.Ordinal;
        int outputs = callee.Parameters.Count(p => SignatureRules.IsDifferentiated(p) && p.Ordinal != vectorOutput);
        return callee.ContainingType.GetMembers(callee.Name + "Pullback").OfType<IMethodSymbol>()
            .Any(m => m.IsStatic && m.Parameters.Length == callee.Parameters.Length + 1 + outputs);
    }

    /// <summary>An array or span passed whole: a parameter or local array, by name.</summary>
    private Expr LowerArrayArgument(IArgumentOperation argument, ValueKind kind)
    {
        if (ArrayName(argument.Value) is { } name)
        {
            return new ArrayArgument(name, kind);
        }

        Report(DiagnosticDescriptors.UnsupportedCallee, argument.Syntax, OneLine(argument.Syntax), "an array argument must be a parameter or local array passed by name (not a slice, a new array or an expression)");
        return Invalid;
    }

    /// <summary>
    /// Whether an argument certainly carries no derivative: integers and bools, constants, and double
    /// values read only from <paramref name="constantInputs"/>, the parameters that are not differentiated.
    /// </summary>
    private bool CarriesNoDerivative(Expr argument) =>
        CarriesNoDerivative(argument, new System.Collections.Generic.HashSet<string>(method.Parameters.Where(p => !SignatureRules.IsDifferentiated(p)).Select(ParameterName)));

    private static bool CarriesNoDerivative(Expr argument, System.Collections.Generic.ISet<string> constantInputs)
    {
        if (argument.Kind is ValueKind.Int or ValueKind.Bool or ValueKind.IntArray or ValueKind.DoubleMatrix)
        {
            return true;
        }

        bool constant = true;
        Normalization.ExprRewriter.Rewrite(argument, node =>
        {
            constant &= node switch
            {
                Variable { Kind: ValueKind.Double or ValueKind.DoubleArray } v => constantInputs.Contains(v.Name),
                ArrayArgument a => constantInputs.Contains(a.Array),
                ElementRead { Kind: ValueKind.Double } r => constantInputs.Contains(r.Array),
                VectorCall v => constantInputs.Contains(v.First) && (v.Second is null || constantInputs.Contains(v.Second)),
                UserCall u => u.Callee.Style == CalleeDerivative.Constant,
                _ => true,
            };
            return node;
        });
        return constant;
    }
}
