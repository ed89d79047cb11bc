using System.Collections.Generic;
using System.Text.Json.Serialization;

namespace ModeScim.Client.Models
{
    /// <summary>The ListResponse message of RFC 7644 section 3.4.2. Every count is nullable
    /// because servers in the field omit them or send wrong ones.</summary>
    public sealed class ScimListResponse<T>
    {
        [JsonPropertyName("totalResults")]
        public int? TotalResults { get; set; }

        [JsonPropertyName("startIndex")]
        public int? StartIndex { get; set; }

        [JsonPropertyName("itemsPerPage")]
        public int? ItemsPerPage { get; set; }

        [JsonPropertyName("Resources")]
        public List<T>? Resources { get; set; }
    }

    /// <summary>One page as the pager hands it out: the resources that were new on it,
    /// and what the server claimed about the whole list.</summary>
    public sealed class ScimPage<T>
    {
        public ScimPage(IReadOnlyList<T> resources, int startIndex, int? totalResults)
        {
            Resources = resources;
            StartIndex = startIndex;
            TotalResults = totalResults;
        }

        public IReadOnlyList<T> Resources { get; }

        /// <summary>The 1-based startIndex this page was requested with.</summary>
        public int StartIndex { get; }

        /// <summary>The server's totalResults, when it sent one.</summary>
        public int? TotalResults { get; }
    }
}
