using System;

namespace SymGrad
{
    /// <summary>
    /// Marks a static method returning <see cref="double"/> in a partial type. At build time SymGrad
    /// generates <c>{Name}Gradient</c> beside it: the same parameters, then one gradient output per
    /// differentiated parameter (<c>out double d{Param}</c>), returning the function's value; and
    /// <c>{Name}Pullback</c>: the same parameters, <c>double seed</c>, then one output per
    /// differentiated parameter (<c>ref double d{Param}</c> or <c>Span&lt;double&gt;</c>) to which it adds
    /// <c>seed</c> times the gradient. Other <c>[Differentiable]</c> methods may call the method: their
    /// gradients chain through its pullback.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DifferentiableAttribute : Attribute
    {
    }
}
