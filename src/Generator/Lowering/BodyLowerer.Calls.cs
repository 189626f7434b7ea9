using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SymGrad.Generator.Diagnostics;
using SymGrad.Generator.IR;

namespace SymGrad.Generator.Lowering;

internal sealed partial class BodyLowerer
{
    private Expr LowerCall(IInvocationOperation invocation)
    {
        IMethodSymbol target = invocation.TargetMethod;
        if (SymbolEqualityComparer.Default.Equals(target.OriginalDefinition, method.OriginalDefinition))
        {
            Report(DiagnosticDescriptors.RecursiveCall, invocation.Syntax, method.Name);
            return Invalid;
        }

        if (TryLowerVectorCall(invocation) is { } vectorCall)
        {
            return vectorCall;
        }

        if (target.ContainingType.ToDisplayString() == "System.Math" && target.ReturnType.SpecialType == SpecialType.System_Int32
            && target.Name is "Max" or "Min" or "Abs")
        {
            MathFunction integerFunction = target.Name == "Max" ? MathFunction.Max : target.Name == "Min" ? MathFunction.Min : MathFunction.Abs;
            Expr[] integers = LowerArguments(invocation);
            return new IntCall(integerFunction, integers[0], integers.Length > 1 ? integers[1] : null);
        }

        // Math.Exp(double), MathF.Exp(float), SymMath.Sigmoid(double or float): one real type throughout.
        SpecialType real = target.ReturnType.SpecialType;
        bool allReal = real is SpecialType.System_Double or SpecialType.System_Single
            && target.Parameters.All(p => p.Type.SpecialType == real && p.RefKind == RefKind.None);
        MathFunction? function = allReal ? FunctionOf(target.ContainingType.ToDisplayString(), target.Name, target.Parameters.Length) : null;
        if (function is null)
        {
            return LowerUserCall(invocation);
        }

        Expr[] arguments = LowerArguments(invocation);
        return new Call(function.Value, arguments[0], arguments.Length > 1 ? arguments[1] : null);
    }

    /// <summary>
    /// The arguments in parameter order, evaluated in C#'s order: Roslyn lists them in evaluation
    /// (source) order, which named arguments can make differ from parameter order. Each argument is
    /// lowered in turn; one that can throw is kept in a temporary when a later one adds statements
    /// before it, and when the orders differ, every argument that can throw is stored in source order
    /// so the printed call (which evaluates in parameter order) throws where the method throws.
    /// </summary>
    private Expr[] LowerArguments(IInvocationOperation invocation)
    {
        var lowered = new Expr[invocation.Arguments.Length];
        var ordinals = new int[invocation.Arguments.Length];
        bool reordered = false;
        for (int i = 0; i < invocation.Arguments.Length; i++)
        {
            IArgumentOperation argument = invocation.Arguments[i];
            ordinals[i] = argument.Parameter?.Ordinal ?? i;
            reordered |= ordinals[i] != i;
            int mark = current.Count;
            lowered[i] = argument.Parameter is { } parameter && MethodLowerer.ArrayKindOf(parameter.Type) is { } arrayKind
                ? LowerArrayArgument(argument, arrayKind)
                : LowerExpression(argument.Value);
            for (int j = 0; j < i && current.Count > mark; j++)
            {
                // Statements of argument i run before the earlier arguments would: keep those first, in order.
                int before = current.Count;
                lowered[j] = KeepFirst(lowered[j], mark);
                mark += current.Count - before;
            }
        }

        if (reordered)
        {
            // The printed call evaluates in parameter order: anything that can throw is stored now, in source order.
            for (int i = 0; i < lowered.Length; i++)
            {
                lowered[i] = StoreIfMayThrow(lowered[i]);
            }
        }

        var byParameter = new Expr[lowered.Length];
        for (int i = 0; i < lowered.Length; i++)
        {
            byParameter[ordinals[i] < byParameter.Length ? ordinals[i] : i] = lowered[i];
        }

        return byParameter;
    }

    private static MathFunction? FunctionOf(string containingType, string name, int arity) => (containingType == "System.MathF" ? "System.Math" : containingType, name, arity) switch
    {
        ("System.Math", "Exp", 1) => MathFunction.Exp,
        ("System.Math", "Log", 1) => MathFunction.Log,
        ("System.Math", "Sqrt", 1) => MathFunction.Sqrt,
        ("System.Math", "Pow", 2) => MathFunction.Pow,
        ("System.Math", "Sin", 1) => MathFunction.Sin,
        ("System.Math", "Cos", 1) => MathFunction.Cos,
        ("System.Math", "Tan", 1) => MathFunction.Tan,
        ("System.Math", "Atan", 1) => MathFunction.Atan,
        ("System.Math", "Sinh", 1) => MathFunction.Sinh,
        ("System.Math", "Cosh", 1) => MathFunction.Cosh,
        ("System.Math", "Tanh", 1) => MathFunction.Tanh,
        ("System.Math", "Abs", 1) => MathFunction.Abs,
        ("System.Math", "Max", 2) => MathFunction.Max,
        ("System.Math", "Min", 2) => MathFunction.Min,
        ("SymGrad.SymMath", "Sigmoid", 1) => MathFunction.Sigmoid,
        ("SymGrad.SymMath", "Softplus", 1) => MathFunction.Softplus,
        ("SymGrad.SymMath", "Relu", 1) => MathFunction.Relu,
        _ => null,
    };
}
