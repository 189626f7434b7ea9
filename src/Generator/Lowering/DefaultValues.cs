using System;
using System.Globalization;
using Microsoft.CodeAnalysis;
using SymGrad.Generator.Emission;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// The default value of an optional parameter as C# text for the generated code. The constant's
/// value is printed, not the source text: <c>= Math.PI</c> or <c>= Scale</c> may need a <c>using</c>
/// or a scope the generated file does not have.
/// </summary>
internal static class DefaultValues
{
    public static string? TextOf(IParameterSymbol parameter)
    {
        if (!parameter.IsOptional)
        {
            return null;
        }

        if (!parameter.HasExplicitDefaultValue)
        {
            return "default"; // [Optional] without a value: the compiler passes default(T)
        }

        return parameter.ExplicitDefaultValue switch
        {
            null => parameter.Type.IsReferenceType ? "null" : "default",
            bool b => b ? "true" : "false",
            int i => i.ToString(CultureInfo.InvariantCulture),
            IConvertible number when parameter.Type.SpecialType == SpecialType.System_Double =>
                ExpressionPrinter.Literal(number.ToDouble(CultureInfo.InvariantCulture)),
            IConvertible number when parameter.Type.SpecialType == SpecialType.System_Single =>
                RealText.Of(Model.Precision.Single).Literal(number.ToDouble(CultureInfo.InvariantCulture)),
            _ => "default",
        };
    }
}
