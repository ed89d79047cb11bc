using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;

namespace ModeScim.Emulator.Http
{
    internal static class ScimResponses
    {
        private static ServerBehaviour? BehaviourOf(HttpContext context)
        {
            return (context.RequestServices?.GetService(typeof(EmulatorOptions)) as EmulatorOptions)?.Behaviour;
        }

        public const string MediaType = "application/scim+json; charset=utf-8";

        // Readable output: names such as Núñez and o"brien stay as they are instead of \u escapes.
        private static readonly JsonWriterOptions WriterOptions = new()
        {
            Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        };

        public const string PlainMediaType = "application/json; charset=utf-8";

        public static async Task WriteAsync(HttpContext context, int status, JsonNode? body)
        {
            context.Response.StatusCode = status;
            if (body == null)
            {
                return;
            }
            context.Response.ContentType = BehaviourOf(context)?.PlainJsonContentType == true ? PlainMediaType : MediaType;
            await using var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
            body.WriteTo(writer);
            await writer.FlushAsync(context.RequestAborted);
        }

        /// <summary>A node as the response writer would write it, for text kept and sent again.</summary>
        public static byte[] ToUtf8(JsonNode node)
        {
            var buffer = new ArrayBufferWriter<byte>();
            using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            {
                node.WriteTo(writer);
            }
            return buffer.WrittenSpan.ToArray();
        }

        /// <summary>A ListResponse whose resources are JSON text already: the same document the node writer gives.</summary>
        public static async Task WriteListAsync(HttpContext context, int totalResults, int startIndex, IReadOnlyList<byte[]> resources)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = BehaviourOf(context)?.PlainJsonContentType == true ? PlainMediaType : MediaType;
            await using var writer = new Utf8JsonWriter(context.Response.Body, WriterOptions);
            writer.WriteStartObject();
            writer.WriteStartArray("schemas");
            writer.WriteStringValue(SchemaUris.ListResponse);
            writer.WriteEndArray();
            writer.WriteNumber("totalResults", totalResults);
            writer.WriteNumber("startIndex", startIndex);
            writer.WriteNumber("itemsPerPage", resources.Count);
            writer.WriteStartArray("Resources");
            foreach (var resource in resources)
            {
                writer.WriteRawValue(resource, skipInputValidation: true);
            }
            writer.WriteEndArray();
            writer.WriteEndObject();
            await writer.FlushAsync(context.RequestAborted);
        }

        public static Task WriteErrorAsync(HttpContext context, int status, string? scimType, string detail)
        {
            var body = new JsonObject
            {
                ["schemas"] = new JsonArray(SchemaUris.Error),
                // RFC 7644 section 3.12 defines status as a string; Okta's samples send a number.
                ["status"] = BehaviourOf(context)?.NumericErrorStatus == true ? JsonValue.Create(status)
                    : JsonValue.Create(status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                ["detail"] = detail,
            };
            if (scimType != null)
            {
                body["scimType"] = scimType;
            }
            return WriteAsync(context, status, body);
        }
    }
}
