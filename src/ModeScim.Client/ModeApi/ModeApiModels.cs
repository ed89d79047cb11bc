using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json;
using System.Text.Json.Serialization;
using ModeScim.Client.Models;

namespace ModeScim.Client.ModeApi
{
    /// <summary>A HAL link: <c>{"href": "/api/..."}</c>.</summary>
    public sealed class HalLink
    {
        [JsonPropertyName("href")]
        public string? Href { get; set; }
    }

    /// <summary>What every Mode REST resource carries: its links. Mode names some facts only there (a report's
    /// creator, a membership's own token), so they are read from the links.</summary>
    public abstract class HalResource
    {
        [JsonPropertyName("_links")]
        public Dictionary<string, HalLink>? Links { get; set; }

        public string? LinkOf(string rel) => Links != null && Links.TryGetValue(rel, out var link) ? link?.Href : null;

        /// <summary>The last path segment of a link, such as a username from <c>/api/{username}</c>.</summary>
        public string? LastSegmentOf(string rel)
        {
            var href = LinkOf(rel);
            if (string.IsNullOrEmpty(href))
            {
                return null;
            }
            var path = href!.Split('?')[0].TrimEnd('/');
            var slash = path.LastIndexOf('/');
            var segment = slash < 0 ? path : path.Substring(slash + 1);
            return segment.Length == 0 ? null : Uri.UnescapeDataString(segment);
        }
    }

    /// <summary>One page of a HAL list: the items in <c>_embedded.{key}</c>.</summary>
    internal sealed class HalPage<T> : HalResource
    {
        [JsonPropertyName("_embedded")]
        public Dictionary<string, List<T>?>? Embedded { get; set; }

        public List<T> Items(string key) =>
            Embedded != null && Embedded.TryGetValue(key, out var items) && items != null ? items : new List<T>();
    }

    /// <summary>A workspace membership from <c>/memberships</c> (full) or <c>/memberships/lite</c>: the full form
    /// has managed_by_scim and activated_at, the lite form has the email. Either may lack what the other has.</summary>
    public sealed class ModeMembership : HalResource
    {
        [JsonPropertyName("member_username")]
        public string? MemberUsername { get; set; }

        [JsonPropertyName("username")]
        public string? LiteUsername { get; set; }

        [JsonPropertyName("member_token")]
        public string? MemberToken { get; set; }

        [JsonPropertyName("email")]
        public string? Email { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("state")]
        public string? State { get; set; }

        [JsonPropertyName("admin")]
        [JsonConverter(typeof(LenientBooleanConverter))]
        public bool? Admin { get; set; }

        [JsonPropertyName("managed_by_scim")]
        [JsonConverter(typeof(LenientBooleanConverter))]
        public bool? ManagedByScim { get; set; }

        [JsonPropertyName("invited")]
        [JsonConverter(typeof(LenientBooleanConverter))]
        public bool? Invited { get; set; }

        [JsonPropertyName("activated_at")]
        public string? ActivatedAtText { get; set; }

        [JsonIgnore]
        public string? Username => MemberUsername ?? LiteUsername;

        /// <summary>The membership's own token: the last segment of its self link (it has no field of its own).</summary>
        [JsonIgnore]
        public string? MembershipToken => LastSegmentOf("self");

        [JsonIgnore]
        public DateTimeOffset? ActivatedAt => ModeDates.Parse(ActivatedAtText);
    }

    /// <summary>An account (<c>GET /api/{username}</c>, <c>GET /api/account</c>).</summary>
    public sealed class ModeAccountResource : HalResource
    {
        [JsonPropertyName("username")]
        public string? Username { get; set; }

        /// <summary>True for a person; false for an account that is not one (a workspace). Null when not shown.</summary>
        [JsonPropertyName("user")]
        [JsonConverter(typeof(LenientBooleanConverter))]
        public bool? IsPerson { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("email")]
        public string? Email { get; set; }
    }

    /// <summary>A group from <c>/groups</c>. Groups made through SCIM are "managed": their members change only there.</summary>
    public sealed class ModeApiGroup : HalResource
    {
        [JsonPropertyName("token")]
        public string? Token { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("managed")]
        public bool? Managed { get; set; }
    }

    /// <summary>One member of a group, from <c>/groups/{token}/memberships</c>.</summary>
    public sealed class ModeApiGroupMember : HalResource
    {
        [JsonPropertyName("member_username")]
        public string? MemberUsername { get; set; }

        [JsonPropertyName("member_token")]
        public string? MemberToken { get; set; }
    }

    /// <summary>A collection (a "space" in the API). A private one is a person's personal collection.</summary>
    public sealed class ModeSpace : HalResource
    {
        [JsonPropertyName("token")]
        public string? Token { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("space_type")]
        public string? SpaceType { get; set; }

        [JsonIgnore]
        public bool IsPersonal => string.Equals(SpaceType, "private", StringComparison.OrdinalIgnoreCase);

        /// <summary>Mode names the creator only in <c>_links.creator.href</c> (<c>/api/{username}</c>).</summary>
        [JsonIgnore]
        public string? CreatorUsername => LastSegmentOf("creator");

        /// <summary>How messages name it: "personal collection 'Drafts'" or "collection 'Team'".</summary>
        [JsonIgnore]
        public string Label => (IsPersonal ? "personal collection '" : "collection '") + (Name ?? Token) + "'";
    }

    public sealed class ModeReport : HalResource
    {
        [JsonPropertyName("token")]
        public string? Token { get; set; }

        [JsonPropertyName("name")]
        public string? Name { get; set; }

        [JsonPropertyName("space_token")]
        public string? SpaceTokenField { get; set; }

        /// <summary>The report's collection: its field, else the last segment of its space link.</summary>
        [JsonIgnore]
        public string? SpaceToken => SpaceTokenField ?? LastSegmentOf("space");

        [JsonIgnore]
        public string? CreatorUsername => LastSegmentOf("creator");
    }

    public sealed class ModePermission : HalResource
    {
        [JsonPropertyName("token")]
        public string? Token { get; set; }

        [JsonPropertyName("action")]
        public string? Action { get; set; }

        [JsonPropertyName("accessor_type")]
        public string? AccessorType { get; set; }

        [JsonPropertyName("accessor_token")]
        public string? AccessorToken { get; set; }
    }

    /// <summary>A member's activity from the Discovery API. Its reference spells the last-engaged field two ways.</summary>
    public sealed class ModeEngagement
    {
        [JsonPropertyName("member_email")]
        public string? Email { get; set; }

        [JsonPropertyName("member_token")]
        public string? MemberToken { get; set; }

        [JsonPropertyName("member_username")]
        public string? Username { get; set; }

        [JsonPropertyName("last_day_engaged")]
        public string? LastDayEngagedText { get; set; }

        [JsonPropertyName("last_day_enagaged")]
        public string? LastDayEngagedMisspelt { get; set; }

        [JsonPropertyName("last_day_in_app_engaged")]
        public string? LastDayInAppEngagedText { get; set; }

        [JsonPropertyName("total_days_engaged")]
        public JsonElement TotalDaysEngagedValue { get; set; }

        [JsonPropertyName("banned_at")]
        public string? BannedAtText { get; set; }

        /// <summary>The latest day of any engagement the API reports: in the app or through the API.</summary>
        [JsonIgnore]
        public DateTimeOffset? LastEngaged => new[]
        {
            ModeDates.Parse(LastDayEngagedText), ModeDates.Parse(LastDayEngagedMisspelt), ModeDates.Parse(LastDayInAppEngagedText),
        }.Where(d => d.HasValue).OrderByDescending(d => d).FirstOrDefault();

        [JsonIgnore]
        public int? TotalDaysEngaged
        {
            get
            {
                var value = TotalDaysEngagedValue;
                if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
                {
                    return number;
                }
                return value.ValueKind == JsonValueKind.String
                    && int.TryParse(value.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed)
                    ? parsed : (int?)null;
            }
        }
    }

    internal sealed class ModeEngagementPage : HalResource
    {
        [JsonPropertyName("members")]
        public List<ModeEngagement>? Members { get; set; }
    }

    internal sealed class ModeSignatureToken
    {
        [JsonPropertyName("token")]
        public string? Token { get; set; }

        [JsonPropertyName("access_key")]
        public string? AccessKey { get; set; }

        [JsonPropertyName("access_secret")]
        public string? AccessSecret { get; set; }
    }

    internal static class ModeDates
    {
        /// <summary>Mode's timestamps, read leniently: a date that cannot be read is unknown, not an error.</summary>
        public static DateTimeOffset? Parse(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }
            return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value)
                ? value : (DateTimeOffset?)null;
        }
    }
}
