using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.OpenApi;

namespace DoanPlatform.Host.Http;

/// <summary>Each request and response type its own schema: a use case's nested <c>Request</c> is named for its use case (<c>ConveneMeetingRequest</c>).</summary>
internal static class OpenApiNames
{
    public static string? SchemaId(JsonTypeInfo info)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(info);
        if (id is null)
            return null;
        var type = Nullable.GetUnderlyingType(info.Type) ?? info.Type;
        if (type.IsArray || type.IsGenericType)
            return id;
        for (var outer = type.DeclaringType; outer is not null; outer = outer.DeclaringType)
            id = outer.Name.Split('`')[0] + id;
        return id;
    }
}
