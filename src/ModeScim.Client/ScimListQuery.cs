using System.Collections.Generic;
using ModeScim.Client.Filtering;

namespace ModeScim.Client
{
    /// <summary>What to list and how much of it.</summary>
    public sealed class ScimListQuery
    {
        public ScimFilter? Filter { get; set; }

        /// <summary>1-based, as in SCIM.</summary>
        public int StartIndex { get; set; } = 1;

        /// <summary>Stop after this many resources; null for all.</summary>
        public int? MaxItems { get; set; }

        /// <summary>Overrides the client's page size for this query.</summary>
        public int? PageSize { get; set; }

        /// <summary>Pages fetched at once after the first; null for the client's request limit, 1 for strictly one at a time.</summary>
        public int? Concurrency { get; set; }

        public IList<string> Attributes { get; } = new List<string>();

        public IList<string> ExcludedAttributes { get; } = new List<string>();

        /// <summary>Read one page past the server's count even when the last page held fewer than asked for: a server
        /// whose totalResults is too low, and whose pages are smaller than asked, would otherwise end the listing at its
        /// count without a word. Costs one request; set by the listings memberships are read from.</summary>
        public bool LookPastTotal { get; set; }

        /// <summary>How the listing ended, filled in as it is read: whether it came up short of the server's own count.</summary>
        public ScimListingOutcome Outcome { get; } = new ScimListingOutcome();
    }

    /// <summary>How a listing ended.</summary>
    public sealed class ScimListingOutcome
    {
        /// <summary>The totalResults the server first reported, when it did.</summary>
        public int? ReportedTotal { get; internal set; }

        /// <summary>Resources handed out.</summary>
        public int Delivered { get; internal set; }

        /// <summary>True when the listing ended (an empty or repeated page) before reaching the server's own count,
        /// and not because the caller asked for fewer.</summary>
        public bool EndedShort { get; internal set; }
    }
}
