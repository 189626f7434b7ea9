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

        /// <summary>
        /// Keeps every sum of the generated methods in the source's order, so the value they return is the
        /// method's own value bit for bit. By default a loop that only sums products of two contiguous array
        /// runs (<c>z += w[j] * x[i * n + j]</c>) runs as one <c>Kernels.Dot</c> call, which sums with four-lane
        /// vectors in a fixed order: its value differs from the method's by rounding (at most
        /// <c>2 n 2^-53 Σ |w[j] x[i n + j]|</c> per dot product of n terms, while no partial sum overflows), the same
        /// on every machine. It governs this method's generated code, including the callees inlined into it.
        /// </summary>
        public bool ExactSums { get; set; }
    }
}
