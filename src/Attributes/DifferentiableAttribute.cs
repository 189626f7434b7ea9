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
        /// <summary>
        /// Also generates <c>{Name}Tangent</c>: forward mode, the directional derivative of the result
        /// along a tangent per differentiated parameter (a Jacobian-vector product).
        /// </summary>
        public bool Tangent { get; set; }

        /// <summary>
        /// Also generates <c>{Name}HessianVectorProduct</c> and <c>{Name}Hessian</c>: second derivatives,
        /// by forward mode over the generated gradient.
        /// </summary>
        public bool Hessian { get; set; }
    }
}
