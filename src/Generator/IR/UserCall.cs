using SymGrad.Generator.Model;

namespace SymGrad.Generator.IR;

/// <summary>How the gradient of a <see cref="UserCall"/> is obtained.</summary>
internal enum CalleeDerivative
{
    /// <summary>A <c>[Differentiable]</c> callee: its generated <c>{Name}Pullback</c>, seeded with the call's adjoint, adds into the outputs.</summary>
    Pullback,

    /// <summary>A callee with a <c>[DerivativeOf]</c> method: it overwrites the outputs with the partials, which the sweep scales by the call's adjoint.</summary>
    CustomGradient,

    /// <summary>No argument carries a derivative (indices, sizes, constants): the result is a constant.</summary>
    Constant,
}

/// <summary>A parameter of a called user method: its name, kind, and whether the derivative method has an output for it.</summary>
internal sealed record CalleeParameter(string Name, ValueKind Kind, bool Differentiated)
{
    public bool IsArray => Kind is ValueKind.DoubleArray or ValueKind.IntArray or ValueKind.DoubleMatrix;
}

/// <summary>
/// A called user method, as plain values: the fully qualified names to print for the value
/// (<see cref="Target"/>) and for its derivative (<see cref="Derivative"/>), and its parameters.
/// </summary>
internal sealed record Callee(string DisplayName, string Target, string Derivative, CalleeDerivative Style, EquatableArray<CalleeParameter> Parameters);

/// <summary>
/// A call of a user method inside a <c>[Differentiable]</c> method: another <c>[Differentiable]</c>
/// method, a method with a <c>[DerivativeOf]</c> derivative, or one whose arguments carry no
/// derivative. Arguments are in parameter order; arrays are <see cref="ArrayArgument"/>s.
/// </summary>
internal sealed record UserCall(Callee Callee, EquatableArray<Expr> Arguments, ValueKind ResultKind) : Expr(ResultKind);

/// <summary>An array or span passed whole to a <see cref="UserCall"/>.</summary>
internal sealed record ArrayArgument(string Array, ValueKind ArrayKind) : Expr(ArrayKind);
