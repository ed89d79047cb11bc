using System;

namespace ModeScim.Emulator
{
    /// <summary>How much of SCIM the emulated server offers. Mode publishes no SCIM reference: its server was
    /// built to accept what Okta's and Entra's provisioning clients send, so each switch here is one way a real
    /// server could differ from the RFC. A profile (<see cref="ForProfile"/>) is a named set of them; each can
    /// also be set alone on the command line.</summary>
    public sealed class ServerBehaviour
    {
        public const string FullProfile = "full";
        public const string OktaProfile = "okta";
        public const string EntraProfile = "entra";
        public const string MinimalProfile = "minimal";

        public string Profile { get; set; } = FullProfile;

        /// <summary>What /ServiceProviderConfig, /ResourceTypes and /Schemas answer.</summary>
        public DiscoveryMode Discovery { get; set; } = DiscoveryMode.Published;

        public FilterGrammar Filters { get; set; } = FilterGrammar.Full;

        /// <summary>User attributes left out of every response (stored all the same), as a server that never returns them.</summary>
        public string[] OmittedUserAttributes { get; set; } = Array.Empty<string>();

        /// <summary>Under the eq-and grammar, attributes taken in an <c>eq</c> besides userName, externalId and displayName
        /// (such as <c>emails.value</c> or <c>active</c>): a server may filter on some attributes and not others.</summary>
        public string[] ExtraFilterAttributes { get; set; } = Array.Empty<string>();

        /// <summary>False: a filter value holding an escaped quote or backslash is refused (400 invalidFilter).</summary>
        public bool FilterEscapes { get; set; } = true;

        public UserGroupsMode UserGroups { get; set; } = UserGroupsMode.Derived;

        public GroupMembersMode GroupMembers { get; set; } = GroupMembersMode.Returned;

        /// <summary>Which filters on a group's members /Groups answers: Entra's guide asks for
        /// <c>id eq "g" and members[value eq "u"]</c>; a server may take <c>members[value eq "u"]</c> alone, or neither.</summary>
        public GroupMemberFilterMode GroupMemberFilter { get; set; } = GroupMemberFilterMode.Members;

        /// <summary>What a PATCH that deactivates a user does: applies it; answers success and keeps the user active; or
        /// keeps it active only when <c>active</c> came as a path (the pathless form Okta sends is applied).</summary>
        public DeactivationMode Deactivation { get; set; } = DeactivationMode.Applied;

        /// <summary>True: a member PATCH is answered with success after applying only part of it (the first member of
        /// each addition, the first removal), as servers built for IdP traffic were measured to do.</summary>
        public bool PartialMemberPatch { get; set; }

        /// <summary>False: the attributes and excludedAttributes parameters are ignored and whole resources come back.</summary>
        public bool HonoursAttributeSelection { get; set; } = true;

        public PatchResponseMode PatchResponse { get; set; } = PatchResponseMode.Resource;

        /// <summary>False: PATCH on a User answers 405; the client must PUT the whole user.</summary>
        public bool UserPatch { get; set; } = true;

        /// <summary>True: an error body's status is a JSON number (Okta's samples), not the RFC's string.</summary>
        public bool NumericErrorStatus { get; set; }

        /// <summary>True: responses are typed application/json instead of application/scim+json.</summary>
        public bool PlainJsonContentType { get; set; }

        public DuplicateCreateMode DuplicateCreate { get; set; } = DuplicateCreateMode.Conflict;

        /// <summary>True: a new user holding an email another user has is refused with 409 uniqueness, though no user has
        /// its userName.</summary>
        public bool UniqueEmails { get; set; }

        /// <summary>What a request for /Users/{text} or /Groups/{text} answers when the text is not an id.</summary>
        public NonIdPathMode NonIdPath { get; set; } = NonIdPathMode.NotFound;

        /// <summary>True: Entra's PATCH forms are accepted (capitalised op names, "False" strings, member removal
        /// by a value list). False: refused with 400, as a strictly RFC server would.</summary>
        public bool EntraForms { get; set; } = true;

        public PatchValuePaths PatchValuePaths { get; set; } = PatchValuePaths.Full;

        /// <summary>What a listing reports as totalResults: the truth, half of it, or twice it.</summary>
        public TotalResultsMode TotalResults { get; set; } = TotalResultsMode.True;

        /// <summary>True (strict, the default): a PATCH remove whose value filter matches nothing is 400 noTarget, as
        /// RFC 7644 3.5.2 lets a server answer and strict servers do. False: it succeeds, as lenient servers do.</summary>
        public bool RemoveNoTarget { get; set; } = true;

        /// <summary>True (strict, the default): a POST or PUT without the resource's core schema, or a PATCH without
        /// the PatchOp schema, is 400 invalidSyntax. False: schemas are not checked.</summary>
        public bool RequireSchemas { get; set; } = true;

        /// <summary>The most member changes one group PATCH may carry; more are refused as <see cref="TooLargeAsTooMany"/> says.
        /// Null: no limit.</summary>
        public int? MaxMemberChanges { get; set; }

        /// <summary>The most members a group may have; a change past it is a bare 400.</summary>
        public int? MaxGroupMembers { get; set; }

        /// <summary>How a PATCH over <see cref="MaxMemberChanges"/> is refused: 413, or 400 tooMany.</summary>
        public bool TooLargeAsTooMany { get; set; }

        /// <summary>What ServiceProviderConfig says in bulk.maxOperations (0: nothing), which clients take as a cap.</summary>
        public int BulkMaxOperations { get; set; }

        /// <summary>The switches of a named profile. okta and entra follow what those clients are documented to send
        /// and expect; minimal is the least a server built for both could offer.</summary>
        public static ServerBehaviour ForProfile(string name)
        {
            switch (name)
            {
                case FullProfile:
                    return new ServerBehaviour();
                case OktaProfile:
                    // Okta's SCIM 2.0 reference: userName eq lookups only, PUT for profiles but PATCH for
                    // deactivation and members (members[value eq] paths), numeric status and "groups": [] in
                    // its samples, 409 on duplicates. It never needs discovery.
                    return new ServerBehaviour
                    {
                        Profile = OktaProfile,
                        Discovery = DiscoveryMode.Absent,
                        Filters = FilterGrammar.EqAnd,
                        UserGroups = UserGroupsMode.Empty,
                        GroupMemberFilter = GroupMemberFilterMode.None,
                        NumericErrorStatus = true,
                        PlainJsonContentType = true,
                        EntraForms = false,
                        PatchValuePaths = PatchValuePaths.MembersOnly,
                    };
                case EntraProfile:
                    // Entra's provisioning guide: eq and and only, groups read with excludedAttributes=members and
                    // members need not be returned, but groups can be queried by id and member; 204 for PATCH,
                    // capitalised ops and "False" strings accepted.
                    return new ServerBehaviour
                    {
                        Profile = EntraProfile,
                        Discovery = DiscoveryMode.Absent,
                        Filters = FilterGrammar.EqAnd,
                        UserGroups = UserGroupsMode.Omitted,
                        GroupMembers = GroupMembersMode.Omitted,
                        GroupMemberFilter = GroupMemberFilterMode.IdAndMembers,
                        PatchResponse = PatchResponseMode.NoContent,
                    };
                case MinimalProfile:
                    return new ServerBehaviour
                    {
                        Profile = MinimalProfile,
                        Discovery = DiscoveryMode.Absent,
                        Filters = FilterGrammar.EqAnd,
                        FilterEscapes = false,
                        UserGroups = UserGroupsMode.Omitted,
                        GroupMemberFilter = GroupMemberFilterMode.None,
                        PatchResponse = PatchResponseMode.NoContent,
                        NumericErrorStatus = true,
                        NonIdPath = NonIdPathMode.BadRequest,
                        HonoursAttributeSelection = false,
                    };
                default:
                    throw new EmulatorUsageException("--profile must be full, okta, entra or minimal, not '" + name + "'.");
            }
        }

        /// <summary>Applies one switch given on the command line; false when the name is not a behaviour switch.</summary>
        public bool TrySet(string name, string value)
        {
            switch (name)
            {
                case "--discovery":
                    Discovery = Choose(name, value, ("published", DiscoveryMode.Published), ("absent", DiscoveryMode.Absent),
                        ("401", DiscoveryMode.Unauthorized), ("500", DiscoveryMode.ServerError), ("html", DiscoveryMode.Html));
                    return true;
                case "--filters":
                    Filters = Choose(name, value, ("full", FilterGrammar.Full), ("eq-and", FilterGrammar.EqAnd));
                    return true;
                case "--unique-emails":
                    UniqueEmails = Choose(name, value, ("yes", true), ("no", false));
                    return true;
                case "--omit-user-attributes":
                    OmittedUserAttributes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    return true;
                case "--filter-attributes":
                    ExtraFilterAttributes = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    return true;
                case "--filter-escapes":
                    FilterEscapes = Choose(name, value, ("accept", true), ("refuse", false));
                    return true;
                case "--user-groups":
                    UserGroups = Choose(name, value, ("derived", UserGroupsMode.Derived), ("empty", UserGroupsMode.Empty),
                        ("omitted", UserGroupsMode.Omitted), ("not-in-lists", UserGroupsMode.NotInLists));
                    return true;
                case "--deactivation":
                    Deactivation = Choose(name, value, ("applied", DeactivationMode.Applied), ("ignored", DeactivationMode.Ignored),
                        ("path-ignored", DeactivationMode.PathIgnored));
                    return true;
                case "--member-patch":
                    PartialMemberPatch = Choose(name, value, ("applied", false), ("partial", true));
                    return true;
                case "--group-member-filter":
                    GroupMemberFilter = Choose(name, value, ("none", GroupMemberFilterMode.None),
                        ("members", GroupMemberFilterMode.Members), ("id-and-members", GroupMemberFilterMode.IdAndMembers));
                    return true;
                case "--group-members":
                    GroupMembers = Choose(name, value, ("returned", GroupMembersMode.Returned),
                        ("omitted", GroupMembersMode.Omitted), ("not-in-lists", GroupMembersMode.NotInLists));
                    return true;
                case "--attribute-selection":
                    HonoursAttributeSelection = Choose(name, value, ("honoured", true), ("ignored", false));
                    return true;
                case "--patch-response":
                    PatchResponse = Choose(name, value, ("resource", PatchResponseMode.Resource), ("204", PatchResponseMode.NoContent));
                    return true;
                case "--user-patch":
                    UserPatch = Choose(name, value, ("yes", true), ("405", false));
                    return true;
                case "--error-status":
                    NumericErrorStatus = Choose(name, value, ("string", false), ("number", true));
                    return true;
                case "--content-type":
                    PlainJsonContentType = Choose(name, value, ("scim", false), ("json", true));
                    return true;
                case "--duplicate-create":
                    DuplicateCreate = Choose(name, value, ("409", DuplicateCreateMode.Conflict),
                        ("adopt-201", DuplicateCreateMode.Adopt201), ("adopt-200", DuplicateCreateMode.Adopt200));
                    return true;
                case "--non-id-path":
                    NonIdPath = Choose(name, value, ("404", NonIdPathMode.NotFound), ("400", NonIdPathMode.BadRequest),
                        ("500", NonIdPathMode.ServerError));
                    return true;
                case "--entra-forms":
                    EntraForms = Choose(name, value, ("accept", true), ("refuse", false));
                    return true;
                case "--total-results":
                    TotalResults = Choose(name, value, ("true", TotalResultsMode.True), ("low", TotalResultsMode.Low),
                        ("high", TotalResultsMode.High));
                    return true;
                case "--max-group-members":
                    MaxGroupMembers = int.TryParse(value, out var cap) && cap > 0
                        ? cap
                        : throw new EmulatorUsageException(name + " must be a positive number, not '" + value + "'.");
                    return true;
                case "--max-member-changes":
                    MaxMemberChanges = int.TryParse(value, out var most) && most > 0
                        ? most
                        : throw new EmulatorUsageException(name + " must be a positive number, not '" + value + "'.");
                    return true;
                case "--too-large":
                    TooLargeAsTooMany = Choose(name, value, ("413", false), ("toomany", true));
                    return true;
                case "--bulk-max-operations":
                    BulkMaxOperations = int.TryParse(value, out var operations) && operations >= 0
                        ? operations
                        : throw new EmulatorUsageException(name + " must be a number, not '" + value + "'.");
                    return true;
                case "--remove-missing":
                    RemoveNoTarget = Choose(name, value, ("notarget", true), ("success", false));
                    return true;
                case "--schemas":
                    RequireSchemas = Choose(name, value, ("required", true), ("optional", false));
                    return true;
                case "--patch-value-paths":
                    PatchValuePaths = Choose(name, value, ("full", PatchValuePaths.Full), ("members-only", PatchValuePaths.MembersOnly));
                    return true;
                default:
                    return false;
            }
        }

        private static T Choose<T>(string name, string value, params (string Text, T Value)[] choices)
        {
            foreach (var choice in choices)
            {
                if (string.Equals(choice.Text, value, StringComparison.OrdinalIgnoreCase))
                {
                    return choice.Value;
                }
            }
            var allowed = string.Join(", ", Array.ConvertAll(choices, c => c.Text));
            throw new EmulatorUsageException(name + " must be one of " + allowed + ", not '" + value + "'.");
        }
    }

    public enum DiscoveryMode
    {
        Published,
        Absent,
        Unauthorized,
        ServerError,
        Html,
    }

    public enum FilterGrammar
    {
        /// <summary>RFC 7644's grammar: every operator, or, not, parentheses, value paths.</summary>
        Full,

        /// <summary>What Entra sends: <c>attr eq "value"</c> on userName, externalId or displayName, joined by
        /// and. Anything else (or, sw, not, value paths, other attributes, non-string values) is 400 invalidFilter.</summary>
        EqAnd,
    }

    public enum UserGroupsMode
    {
        Derived,
        Empty,
        Omitted,

        /// <summary>Returned when one user is read by id, left out of list and filter responses (trimmed for size).</summary>
        NotInLists,
    }

    public enum DeactivationMode
    {
        Applied,
        Ignored,

        /// <summary>A replace of the path "active" is answered and not applied; the pathless form is applied.</summary>
        PathIgnored,
    }

    public enum GroupMemberFilterMode
    {
        /// <summary>Any filter on members is 400 invalidFilter.</summary>
        None,

        /// <summary><c>members[value eq "u"]</c>, alone or joined by and with <c>id eq "g"</c>.</summary>
        Members,

        /// <summary>Only <c>id eq "g" and members[value eq "u"]</c>: the membership check Entra sends.</summary>
        IdAndMembers,
    }

    public enum GroupMembersMode
    {
        Returned,
        Omitted,

        /// <summary>Left out of list responses, returned when one group is read by id.</summary>
        NotInLists,
    }

    public enum PatchResponseMode
    {
        Resource,
        NoContent,
    }

    public enum DuplicateCreateMode
    {
        Conflict,
        Adopt201,
        Adopt200,
    }

    public enum NonIdPathMode
    {
        NotFound,
        BadRequest,
        ServerError,
    }

    public enum TotalResultsMode
    {
        True,
        Low,
        High,
    }

    public enum PatchValuePaths
    {
        Full,

        /// <summary>Only <c>members[value eq "..."]</c>, the one value path Okta sends; others are 400 invalidPath.</summary>
        MembersOnly,
    }
}
