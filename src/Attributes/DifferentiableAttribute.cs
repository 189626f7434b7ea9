using System;

namespace SymGrad
{
    /// <summary>
    /// Marks a static method returning <see cref="double"/> in a partial type. At build time SymGrad
    /// generates <c>{Name}Gradient</c> beside it: the same parameters, then one gradient output per
    /// differentiated parameter (<c>out double d{Param}</c>), returning the function's value.
    /// </summary>
    [AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
    public sealed class DifferentiableAttribute : Attribute
    {
    }
}
