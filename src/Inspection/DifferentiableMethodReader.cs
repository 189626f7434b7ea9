using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace SymGrad.Inspection;

/// <summary>
/// Lists the <c>[Differentiable]</c> methods of an assembly from its metadata alone (System.Reflection.Metadata: the
/// assembly is never loaded, so any target framework and any dependency set can be inspected), each with the
/// derivative outputs of its generated <c>{Name}Gradient</c> (or, for a vector-valued method, <c>{Name}Pullback</c>): the
/// parameters the derivative has beyond the original ones.
/// </summary>
public static class DifferentiableMethodReader
{
    /// <summary>The [Differentiable] methods of the assembly at <paramref name="assemblyPath"/>, ordered by namespace and name.</summary>
    public static IReadOnlyList<DifferentiableMethod> Read(string assemblyPath)
    {
        using FileStream stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        if (!pe.HasMetadata)
        {
            throw new BadImageFormatException($"'{assemblyPath}' is not a .NET assembly.");
        }

        MetadataReader reader = pe.GetMetadataReader();
        var provider = new TypeNameProvider();
        var methods = new List<DifferentiableMethod>();
        foreach (TypeDefinitionHandle typeHandle in reader.TypeDefinitions)
        {
            TypeDefinition type = reader.GetTypeDefinition(typeHandle);
            var byName = type.GetMethods().Select(reader.GetMethodDefinition).ToLookup(m => reader.GetString(m.Name));
            foreach (MethodDefinition method in type.GetMethods().Select(reader.GetMethodDefinition))
            {
                if (!HasAttribute(reader, method.GetCustomAttributes(), "DifferentiableAttribute"))
                {
                    continue;
                }

                string name = reader.GetString(method.Name);
                IReadOnlyList<ParameterInfo> parameters = Parameters(reader, method, provider);
                List<string> noDerivative = method.GetParameters().Select(reader.GetParameter)
                    .Where(p => HasAttribute(reader, p.GetCustomAttributes(), "NoDerivativeAttribute"))
                    .Select(p => reader.GetString(p.Name)).ToList();
                // The gradient overload of this method starts with the same parameter types; what follows are its outputs.
                // A vector-valued method (one Span<double> output) has no {Name}Gradient: its derivative is {Name}Pullback,
                // whose seed and derivative outputs follow the original parameters.
                IReadOnlyList<ParameterInfo>? outputs = DerivativeOutputs(reader, byName[name + "Gradient"], parameters, provider)
                    ?? DerivativeOutputs(reader, byName[name + "Pullback"], parameters, provider);
                methods.Add(new DifferentiableMethod(NamespaceOf(reader, type), TypeNameOf(reader, type), name, parameters, noDerivative, outputs));
            }
        }

        return methods.OrderBy(m => m.Namespace, StringComparer.Ordinal).ThenBy(m => m.Model, StringComparer.Ordinal).ToList();
    }

    /// <summary>The parameters after the original ones of the first candidate whose parameter types start with the original's.</summary>
    private static IReadOnlyList<ParameterInfo>? DerivativeOutputs(
        MetadataReader reader, IEnumerable<MethodDefinition> candidates, IReadOnlyList<ParameterInfo> parameters, TypeNameProvider provider) =>
        candidates
            .Select(g => Parameters(reader, g, provider))
            .Where(g => g.Count >= parameters.Count && g.Take(parameters.Count).Select(p => p.Type).SequenceEqual(parameters.Select(p => p.Type)))
            .Select(g => g.Skip(parameters.Count).ToList())
            .FirstOrDefault();

    private static IReadOnlyList<ParameterInfo> Parameters(MetadataReader reader, MethodDefinition method, TypeNameProvider provider)
    {
        MethodSignature<string> signature = method.DecodeSignature(provider, genericContext: null);
        var names = new string[signature.ParameterTypes.Length];
        var modifiers = new string[signature.ParameterTypes.Length];
        foreach (Parameter parameter in method.GetParameters().Select(reader.GetParameter))
        {
            // Sequence number 0 is the return value.
            if (parameter.SequenceNumber > 0 && parameter.SequenceNumber <= names.Length)
            {
                names[parameter.SequenceNumber - 1] = reader.GetString(parameter.Name);
                bool isOut = (parameter.Attributes & ParameterAttributes.Out) != 0;
                modifiers[parameter.SequenceNumber - 1] = isOut ? "out" : string.Empty;
            }
        }

        return signature.ParameterTypes.Select((type, i) =>
        {
            bool byRef = type.StartsWith("ref ", StringComparison.Ordinal);
            string modifier = modifiers[i] ?? string.Empty;
            return new ParameterInfo(byRef && modifier.Length == 0 ? "ref" : modifier, byRef ? type.Substring(4) : type, names[i] ?? "arg" + i);
        }).ToList();
    }

    private static bool HasAttribute(MetadataReader reader, CustomAttributeHandleCollection attributes, string name)
    {
        foreach (CustomAttributeHandle handle in attributes)
        {
            CustomAttribute attribute = reader.GetCustomAttribute(handle);
            (StringHandle typeName, StringHandle typeNamespace) = attribute.Constructor.Kind switch
            {
                HandleKind.MemberReference when reader.GetMemberReference((MemberReferenceHandle)attribute.Constructor).Parent is { Kind: HandleKind.TypeReference } parent
                    => (reader.GetTypeReference((TypeReferenceHandle)parent).Name, reader.GetTypeReference((TypeReferenceHandle)parent).Namespace),
                HandleKind.MethodDefinition when reader.GetMethodDefinition((MethodDefinitionHandle)attribute.Constructor).GetDeclaringType() is var declaring
                    => (reader.GetTypeDefinition(declaring).Name, reader.GetTypeDefinition(declaring).Namespace),
                _ => (default, default),
            };
            if (!typeName.IsNil && reader.GetString(typeName) == name && reader.GetString(typeNamespace) == "SymGrad")
            {
                return true;
            }
        }

        return false;
    }

    private static string? NamespaceOf(MetadataReader reader, TypeDefinition type)
    {
        while (type.GetDeclaringType() is { IsNil: false } declaring)
        {
            type = reader.GetTypeDefinition(declaring);
        }

        string ns = reader.GetString(type.Namespace);
        return ns.Length == 0 ? null : ns;
    }

    private static string TypeNameOf(MetadataReader reader, TypeDefinition type)
    {
        string name = TypeNameProvider.WithoutArity(reader.GetString(type.Name));
        return type.GetDeclaringType() is { IsNil: false } declaring ? TypeNameOf(reader, reader.GetTypeDefinition(declaring)) + "." + name : name;
    }

    /// <summary>Type names as C# writes them: keywords for primitives, <c>T[]</c>, <c>T[,]</c>, <c>Span&lt;T&gt;</c>.</summary>
    private sealed class TypeNameProvider : ISignatureTypeProvider<string, object?>
    {
        public static string WithoutArity(string name) => name.IndexOf('`') is var tick and > 0 ? name.Substring(0, tick) : name;

        public string GetPrimitiveType(PrimitiveTypeCode typeCode) => typeCode switch
        {
            PrimitiveTypeCode.Double => "double",
            PrimitiveTypeCode.Single => "float",
            PrimitiveTypeCode.Int32 => "int",
            PrimitiveTypeCode.Int64 => "long",
            PrimitiveTypeCode.Boolean => "bool",
            PrimitiveTypeCode.String => "string",
            PrimitiveTypeCode.Object => "object",
            PrimitiveTypeCode.Void => "void",
            PrimitiveTypeCode.Byte => "byte",
            PrimitiveTypeCode.Char => "char",
            _ => typeCode.ToString(),
        };

        public string GetSZArrayType(string elementType) => elementType + "[]";

        public string GetArrayType(string elementType, ArrayShape shape) => elementType + "[" + new string(',', shape.Rank - 1) + "]";

        public string GetByReferenceType(string elementType) => "ref " + elementType;

        public string GetGenericInstantiation(string genericType, ImmutableArray<string> typeArguments) => genericType + "<" + string.Join(", ", typeArguments) + ">";

        public string GetTypeFromDefinition(MetadataReader reader, TypeDefinitionHandle handle, byte rawTypeKind) =>
            WithoutArity(reader.GetString(reader.GetTypeDefinition(handle).Name));

        public string GetTypeFromReference(MetadataReader reader, TypeReferenceHandle handle, byte rawTypeKind) =>
            WithoutArity(reader.GetString(reader.GetTypeReference(handle).Name));

        public string GetTypeFromSpecification(MetadataReader reader, object? genericContext, TypeSpecificationHandle handle, byte rawTypeKind) =>
            reader.GetTypeSpecification(handle).DecodeSignature(this, genericContext);

        public string GetPointerType(string elementType) => elementType + "*";

        public string GetPinnedType(string elementType) => elementType;

        public string GetFunctionPointerType(MethodSignature<string> signature) => "delegate*";

        public string GetGenericMethodParameter(object? genericContext, int index) => "!!" + index;

        public string GetGenericTypeParameter(object? genericContext, int index) => "!" + index;

        public string GetModifiedType(string modifier, string unmodifiedType, bool isRequired) => unmodifiedType;
    }
}
