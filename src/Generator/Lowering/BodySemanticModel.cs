using System;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;

namespace SymGrad.Generator.Lowering;

/// <summary>
/// The semantic model the body is lowered from. SymGrad reads operations, types and constants, never
/// nullability; yet a semantic model of a nullable-enabled project runs the compiler's nullable
/// analysis over the whole body on the first <c>GetOperation</c>, which for long expressions costs
/// more than everything SymGrad does (about 1 s of 1.5 s for a 10,000-term sum). Roslyn 4.9 and
/// later offer <c>Compilation.GetSemanticModel(tree, SemanticModelOptions.DisableNullableAnalysis)</c>;
/// the generator builds against 4.8 (so that every .NET 8 SDK can load it), so the overload is looked
/// up once by reflection and used when the host compiler has it. Older hosts use the model they give.
/// </summary>
internal static class BodySemanticModel
{
    private static readonly Func<Compilation, SyntaxTree, SemanticModel>? WithoutNullableAnalysis = Find();

    public static SemanticModel For(SemanticModel given)
    {
        if (WithoutNullableAnalysis is null)
        {
            return given;
        }

        try
        {
            return WithoutNullableAnalysis(given.Compilation, given.SyntaxTree);
        }
        catch (Exception exception) when (exception is ArgumentException or TargetInvocationException or InvalidOperationException)
        {
            return given;
        }
    }

    private static Func<Compilation, SyntaxTree, SemanticModel>? Find()
    {
        try
        {
            Type? options = typeof(Compilation).Assembly.GetType("Microsoft.CodeAnalysis.SemanticModelOptions");
            MethodInfo? method = options is null ? null : typeof(Compilation).GetMethods(BindingFlags.Public | BindingFlags.Instance)
                .FirstOrDefault(m => m.Name == nameof(Compilation.GetSemanticModel)
                    && m.GetParameters() is { Length: 2 } parameters
                    && parameters[0].ParameterType == typeof(SyntaxTree)
                    && parameters[1].ParameterType == options);
            if (method is null || !Enum.IsDefined(options!, "DisableNullableAnalysis"))
            {
                return null;
            }

            object disable = Enum.Parse(options!, "DisableNullableAnalysis");
            return (compilation, tree) => (SemanticModel)method.Invoke(compilation, new[] { tree, disable })!;
        }
        catch (Exception exception) when (exception is ArgumentException or AmbiguousMatchException or TypeLoadException)
        {
            return null;
        }
    }
}
