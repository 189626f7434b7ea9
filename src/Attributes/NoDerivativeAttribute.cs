using System;

namespace SymGrad
{
    /// <summary>
    /// Keeps a parameter of a <see cref="DifferentiableAttribute"/> method constant: no gradient
    /// output is generated for it. Allowed (and without effect) on parameters that are never
    /// differentiated, such as integers.
    /// </summary>
    [AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
    public sealed class NoDerivativeAttribute : Attribute
    {
    }
}
