using System.Collections.Generic;
using System.Linq;
using ModeScim.Client.Capabilities;
using ModeScim.Client.Models;
using ModeScim.Client.Updates;

namespace ModeScim.PowerShell.Users
{
    /// <summary>The attributes of a user as a caller or an HR export gives them, cleaned and checked:
    /// shared by New-ModeUser and Sync-ModeUser so both refuse exactly the same rows.</summary>
    internal sealed class UserSpec
    {
        public UserSpec(string? userName, string? email, string? givenName, string? familyName, string? displayName, string? externalId)
        {
            UserName = UserInputValidator.Clean(userName);
            Email = UserInputValidator.Clean(email);
            if (string.IsNullOrEmpty(Email) && UserInputValidator.Check("Email", UserName, required: true, isEmail: true) == null)
            {
                Email = UserName;
            }
            GivenName = NullIfEmpty(UserInputValidator.Clean(givenName));
            FamilyName = NullIfEmpty(UserInputValidator.Clean(familyName));
            DisplayName = NullIfEmpty(UserInputValidator.Clean(displayName));
            ExternalId = NullIfEmpty(UserInputValidator.Clean(externalId));
            Problems = new List<string?>
            {
                UserInputValidator.Check("UserName", UserName, required: true, identifier: true),
                UserInputValidator.Check("Email", Email, required: true, isEmail: true, identifier: true),
                UserInputValidator.Check("GivenName", GivenName, required: false),
                UserInputValidator.Check("FamilyName", FamilyName, required: false),
                UserInputValidator.Check("DisplayName", DisplayName, required: false),
                UserInputValidator.Check("ExternalId", ExternalId, required: false, identifier: true),
            }.OfType<string>().ToList();
        }

        public string? UserName { get; }

        public string? Email { get; }

        public string? GivenName { get; }

        public string? FamilyName { get; }

        public string? DisplayName { get; }

        public string? ExternalId { get; }

        public IReadOnlyList<string> Problems { get; }

        /// <summary>What the row's status columns say; not given for a user named by parameters alone.</summary>
        public SourceStatus Status { get; set; } = SourceStatus.NotGiven;

        /// <summary>An Entra guest (B2B) account: "#EXT#" in the userName. Guests come from other tenants and are skipped
        /// unless asked for.</summary>
        public bool IsGuest => UserName != null && UserName.IndexOf("#EXT#", System.StringComparison.OrdinalIgnoreCase) >= 0;

        public bool IsValid => Problems.Count == 0;

        /// <summary>The display name to create with: the one given, else "GivenName FamilyName".</summary>
        public string? EffectiveDisplayName => DisplayName ?? DisplayNameFrom(GivenName, FamilyName);

        public ScimUser ToNewUser(bool active)
        {
            var hasName = GivenName != null || FamilyName != null;
            return new ScimUser
            {
                UserName = UserName,
                Name = hasName ? new ScimName { GivenName = GivenName, FamilyName = FamilyName } : null,
                DisplayName = EffectiveDisplayName,
                Emails = new List<ScimMultiValue> { new ScimMultiValue { Value = Email, Type = "work", Primary = true } },
                ExternalId = ExternalId,
                Active = active,
            };
        }

        /// <summary>What would have to change on <paramref name="current"/> to match this spec; attributes the
        /// spec leaves empty are not compared, so a sparse export never clears data.</summary>
        public ScimUserChange DifferencesFrom(ScimUser current, bool compareUserName, bool compareExternalId) =>
            DifferencesFrom(current, compareUserName, compareExternalId, UserAttributesShown.All);

        /// <param name="shown">What the server returns at all: an attribute it never shows cannot be compared, or every
        /// user would look changed every night.</param>
        public ScimUserChange DifferencesFrom(ScimUser current, bool compareUserName, bool compareExternalId, UserAttributesShown shown)
        {
            var change = new ScimUserChange();
            if (compareUserName && UserName != null && !string.Equals(UserName, current.UserName, System.StringComparison.Ordinal))
            {
                change.UserName = UserName;
            }
            if (shown.Emails && Email != null && !string.Equals(Email, current.PrimaryEmail, System.StringComparison.OrdinalIgnoreCase))
            {
                change.Email = Email;
            }
            if (shown.Name && GivenName != null && GivenName != current.Name?.GivenName)
            {
                change.GivenName = GivenName;
            }
            if (shown.Name && FamilyName != null && FamilyName != current.Name?.FamilyName)
            {
                change.FamilyName = FamilyName;
            }
            var display = shown.DisplayName ? DisplayNameToCompare(current) : null;
            if (display != null && display != current.DisplayName)
            {
                change.DisplayName = display;
            }
            if (compareExternalId && ExternalId != null && ExternalId != current.ExternalId)
            {
                change.ExternalId = ExternalId;
            }
            return change;
        }

        // A source without display names (most HR exports) still gives names, and a display name made from them must
        // follow a renamed person. One set in Mode by hand ("Ann Lee (Finance)") is not made from the names, and a
        // nightly run that cannot know it would overwrite it every night: it is compared only when the source gives it.
        private string? DisplayNameToCompare(ScimUser current)
        {
            if (DisplayName != null)
            {
                return DisplayName;
            }
            var madeFromCurrentNames = string.IsNullOrEmpty(current.DisplayName)
                || current.DisplayName == DisplayNameFrom(current.Name?.GivenName, current.Name?.FamilyName);
            return madeFromCurrentNames ? DisplayNameFrom(GivenName, FamilyName) : null;
        }

        private static string? DisplayNameFrom(string? givenName, string? familyName)
        {
            givenName = NullIfEmpty(givenName);
            familyName = NullIfEmpty(familyName);
            return givenName == null && familyName == null ? null : string.Join(" ", new[] { givenName, familyName }.Where(n => n != null));
        }

        private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;
    }
}
