using System.Text.Json;

namespace ModeScim.Client.Http
{
    /// <summary>The Error message of RFC 7644 section 3.12, read leniently: status may be a string or a
    /// number, and a server that answers with HTML or nothing still yields an error without detail.</summary>
    internal sealed class ScimErrorBody
    {
        private ScimErrorBody(string? scimType, string? detail)
        {
            ScimType = scimType;
            Detail = detail;
        }

        public string? ScimType { get; }

        public string? Detail { get; }

        public static ScimErrorBody Parse(string? body) =>
            FromObject(body, root => new ScimErrorBody(ReadString(root, "scimType"), ReadString(root, "detail")));

        /// <summary>Mode's REST errors, <c>{"id": "not_found", "message": "..."}</c>: the id leads the detail, so
        /// it reaches the error record; there is no scimType.</summary>
        public static ScimErrorBody ParseModeError(string? body) => FromObject(body, root =>
        {
            var id = ReadString(root, "id");
            var message = ReadString(root, "message");
            return new ScimErrorBody(null, id == null ? message : message == null ? id : id + ": " + message);
        });

        // A body that is not a JSON object (empty, HTML, an array) yields an error without detail, never a failure.
        private static ScimErrorBody FromObject(string? body, System.Func<JsonElement, ScimErrorBody> read)
        {
            if (string.IsNullOrWhiteSpace(body))
            {
                return new ScimErrorBody(null, null);
            }
            try
            {
                using (var document = JsonDocument.Parse(body!))
                {
                    return document.RootElement.ValueKind == JsonValueKind.Object
                        ? read(document.RootElement)
                        : new ScimErrorBody(null, null);
                }
            }
            catch (JsonException)
            {
                return new ScimErrorBody(null, null);
            }
        }

        private static string? ReadString(JsonElement root, string name)
        {
            foreach (var property in root.EnumerateObject())
            {
                if (string.Equals(property.Name, name, System.StringComparison.OrdinalIgnoreCase)
                    && property.Value.ValueKind == JsonValueKind.String)
                {
                    return property.Value.GetString();
                }
            }
            return null;
        }
    }
}
