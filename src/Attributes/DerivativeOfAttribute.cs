using System;

namespace SymGrad
{
    /// <summary>
    /// Marks a static method as the derivative of a method SymGrad cannot read (a special function, a
    /// native routine): <c>[Differentiable]</c> methods may then call the target, and their gradients
    /// use this method. Its signature is exactly the <c>{Name}Gradient</c> signature SymGrad would write
    /// for the target: the target's parameters, then <c>out double d{Param}</c> for each double
    /// parameter and <c>Span&lt;double&gt; d{Param}</c> for each double array or span parameter (not
    /// <c>[NoDerivative]</c> ones), in order; it returns the target's value and overwrites the outputs.
    /// </summary>
    /// <example>
    /// <code>
    /// public static double LogGamma(double x) { /* any C# */ }
    ///
    /// [DerivativeOf(nameof(LogGamma))]
    /// public static double LogGammaGradient(double x, out double dx) { dx = Digamma(x); return LogGamma(x); }
    /// </code>
    /// </example>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DerivativeOfAttribute : Attribute
    {
        /// <summary>The derivative of the method <paramref name="methodName"/> of the type that declares the marked method.</summary>
        public DerivativeOfAttribute(string methodName)
        {
            MethodName = methodName;
        }

        /// <summary>The derivative of the method <paramref name="methodName"/> of <paramref name="type"/>.</summary>
        public DerivativeOfAttribute(Type type, string methodName)
        {
            Type = type;
            MethodName = methodName;
        }

        /// <summary>The type that declares the target, or null for the marked method's own type.</summary>
        public Type? Type { get; }

        /// <summary>The target's name.</summary>
        public string MethodName { get; }
    }
}
