using System.Text.Json;
using System.Text.Json.Serialization;

namespace ModeScim.Client
{
    /// <summary>The one set of serializer options: attribute names are case-insensitive in SCIM
    /// (RFC 7643 section 2.1), and unset properties are not sent so a PUT or POST never clears
    /// what the caller did not mention.</summary>
    internal static class ScimJson
    {
        public static readonly JsonSerializerOptions Options = new JsonSerializerOptions
        {
            PropertyNameCaseInsensitive = true,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString,
        };

        /// <summary>For a body read through a reader (it may lie in several segments): what <see cref="Options"/> would
        /// give a reader of its own.</summary>
        public static readonly JsonReaderOptions ReaderOptions = new JsonReaderOptions
        {
            AllowTrailingCommas = Options.AllowTrailingCommas,
            CommentHandling = Options.ReadCommentHandling,
            MaxDepth = Options.MaxDepth,
        };
    }
}
