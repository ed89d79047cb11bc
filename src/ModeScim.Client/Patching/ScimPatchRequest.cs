using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Serialization;
using ModeScim.Client.Models;

namespace ModeScim.Client.Patching
{
    /// <summary>A PatchOp message (RFC 7644 section 3.5.2). Build it with <see cref="ScimPatchBuilder"/>.</summary>
    public sealed class ScimPatchRequest
    {
        internal ScimPatchRequest(IReadOnlyList<ScimPatchOperation> operations)
        {
            Operations = operations;
        }

        [JsonPropertyName("schemas")]
        public IReadOnlyList<string> Schemas { get; } = new[] { ScimSchemas.PatchOp };

        [JsonPropertyName("Operations")]
        public IReadOnlyList<ScimPatchOperation> Operations { get; }

        /// <summary>True when sending it twice leaves the same state as sending it once, which makes it
        /// safe to retry after a lost response: replace and remove always, add only to the member set.</summary>
        [JsonIgnore]
        public bool IsIdempotent
            => Operations.All(o => o.Op != ScimPatchOperation.AddOp
            || string.Equals(o.Path, "members", System.StringComparison.OrdinalIgnoreCase));

        /// <summary>One remove and nothing else: a 400 noTarget for it means its target is already gone, which is
        /// what it was sent to achieve. (With several operations, noTarget rejects all of them.)</summary>
        [JsonIgnore]
        public bool IsSingleRemoval => Operations.Count == 1 && Operations[0].Op == ScimPatchOperation.RemoveOp;
    }

    public sealed class ScimPatchOperation
    {
        internal const string AddOp = "add";
        internal const string RemoveOp = "remove";
        internal const string ReplaceOp = "replace";

        internal ScimPatchOperation(string op, string? path, object? value)
        {
            Op = op;
            Path = path;
            Value = value;
        }

        [JsonPropertyName("op")]
        public string Op { get; }

        [JsonPropertyName("path")]
        public string? Path { get; }

        [JsonPropertyName("value")]
        public object? Value { get; }
    }
}
