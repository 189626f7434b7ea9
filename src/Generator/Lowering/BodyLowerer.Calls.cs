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
            IArgumentOperation[] integers = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToArray();
            MathFunction integerFunction = target.Name == "Max" ? MathFunction.Max : target.Name == "Min" ? MathFunction.Min : MathFunction.Abs;
            return new IntCall(integerFunction, LowerExpression(integers[0].Value), integers.Length > 1 ? LowerExpression(integers[1].Value) : null);
        }

        bool allDouble = target.ReturnType.SpecialType == SpecialType.System_Double
            && target.Parameters.All(p => p.Type.SpecialType == SpecialType.System_Double && p.RefKind == RefKind.None);
        MathFunction? function = allDouble ? FunctionOf(target.ContainingType.ToDisplayString(), target.Name, target.Parameters.Length) : null;
        if (function is null)
        {
            Report(DiagnosticDescriptors.UnsupportedCall, invocation.Syntax, target.ContainingType.Name + "." + target.Name);
            return Invalid;
        }

        IArgumentOperation[] arguments = invocation.Arguments.OrderBy(a => a.Parameter?.Ordinal ?? 0).ToArray();
        Expr first = LowerExpression(arguments[0].Value);
        int mark = current.Count;
        Expr? second = arguments.Length > 1 ? LowerExpression(arguments[1].Value) : null;
        first = KeepFirst(first, mark);
        return new Call(function.Value, first, second);
    }

    private static MathFunction? FunctionOf(string containingType, string name, int arity) => (containingType, name, arity) switch
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
