using System;
using System.Collections.Generic;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;
using ModeScim.PowerShell.Users;

namespace ModeScim.PowerShell.Plans
{
    /// <summary>Moves a user's attributes between the client's types and a plan's, by the names
    /// <see cref="ScimUserChange.ChangedAttributes"/> uses, and compares them as the server does (userName and email
    /// without regard to case).</summary>
    internal static class PlanUserStates
    {
        public const string UserName = "UserName";
        public const string Email = "Email";
        public const string GivenName = "GivenName";
        public const string FamilyName = "FamilyName";
        public const string DisplayName = "DisplayName";
        public const string ExternalId = "ExternalId";

        /// <summary>Every attribute a plan compares, in the order a drift is named.</summary>
        public static readonly IReadOnlyList<string> Attributes = new[] { UserName, ExternalId, Email, GivenName, FamilyName, DisplayName };

        public static PlanUserState From(ScimUser user) => new PlanUserState
        {
            Id = user.Id ?? string.Empty,
            UserName = user.UserName,
            ExternalId = user.ExternalId,
            Email = user.PrimaryEmail,
            GivenName = user.Name?.GivenName,
            FamilyName = user.Name?.FamilyName,
            DisplayName = user.DisplayName,
            Active = user.Active,
        };

        public static string? Value(PlanUserState? state, string attribute) => state == null ? null : attribute switch
        {
            UserName => state.UserName,
            ExternalId => state.ExternalId,
            Email => state.Email,
            GivenName => state.GivenName,
            FamilyName => state.FamilyName,
            DisplayName => state.DisplayName,
            _ => null,
        };

        public static bool Same(string attribute, string? a, string? b) => string.Equals(a, b,
            attribute == UserName || attribute == Email ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal);

        /// <summary>The attributes an update sets, with their new values.</summary>
        public static Dictionary<string, string?> SetBy(ScimUserChange change)
        {
            var set = new Dictionary<string, string?>(StringComparer.Ordinal);
            Add(set, UserName, change.UserName);
            Add(set, Email, change.Email);
            Add(set, GivenName, change.GivenName);
            Add(set, FamilyName, change.FamilyName);
            Add(set, DisplayName, change.DisplayName);
            Add(set, ExternalId, change.ExternalId);
            return set;
        }

        /// <summary>The attributes a create gives.</summary>
        public static Dictionary<string, string?> GivenBy(UserSpec spec)
        {
            var set = new Dictionary<string, string?>(StringComparer.Ordinal);
            Add(set, UserName, spec.UserName);
            Add(set, Email, spec.Email);
            Add(set, GivenName, spec.GivenName);
            Add(set, FamilyName, spec.FamilyName);
            Add(set, DisplayName, spec.DisplayName);
            Add(set, ExternalId, spec.ExternalId);
            return set;
        }

        public static UserSpec ToSpec(IReadOnlyDictionary<string, string?> given) => new UserSpec(Get(given, UserName), Get(given, Email),
            Get(given, GivenName), Get(given, FamilyName), Get(given, DisplayName), Get(given, ExternalId));

        /// <summary>A change that sets the named attributes to their planned values.</summary>
        public static ScimUserChange ToChange(IReadOnlyDictionary<string, string?> set, IEnumerable<string> attributes)
        {
            var change = new ScimUserChange();
            foreach (var attribute in attributes)
            {
                var value = Get(set, attribute);
                switch (attribute)
                {
                    case UserName: change.UserName = value; break;
                    case Email: change.Email = value; break;
                    case GivenName: change.GivenName = value; break;
                    case FamilyName: change.FamilyName = value; break;
                    case DisplayName: change.DisplayName = value; break;
                    case ExternalId: change.ExternalId = value; break;
                }
            }
            return change;
        }

        private static void Add(Dictionary<string, string?> set, string attribute, string? value)
        {
            if (value != null)
            {
                set[attribute] = value;
            }
        }

        private static string? Get(IReadOnlyDictionary<string, string?> set, string attribute) =>
            set.TryGetValue(attribute, out var value) ? value : null;
    }
}
