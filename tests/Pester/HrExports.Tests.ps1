# Real export shapes decide who is active: Entra (current and classic admin-center CSVs), Active Directory, Okta,
# a Workday-style HR file and Google Workspace, each in tests/Pester/Exports. In every one Ada and Eve are active,
# Bob, Cy and Dan are not; Mode has Ada and Bob active and Cy already disabled, and has never seen Dan or Eve.
BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    Connect-TestEmulator -Emulator $script:Emulator
    $script:Exports = Join-Path $PSScriptRoot 'Exports'

    function Reset-Workspace {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:ada = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com'
        $script:bob = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'
        $script:cy = New-EmulatorUser -Emulator $script:Emulator -UserName 'cy@example.com' -Active $false
        Reset-ModeScimEmulator $script:Emulator
    }

    function Get-Users {
        $state = Get-EmulatorState -Emulator $script:Emulator
        $users = @{}
        foreach ($user in $state.users) { $users[$user.userName] = $user }
        $users
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Sync-ModeUser from <File>' -ForEach @(
    @{ File = 'entra-users.csv'; Column = 'accountEnabled' }
    @{ File = 'entra-users-classic.csv'; Column = 'Block sign in' }
    @{ File = 'ad-users.csv'; Column = 'Enabled' }
    @{ File = 'okta-users.csv'; Column = 'status' }
    @{ File = 'workday-workers.csv'; Column = 'Active Status' }
    @{ File = 'google-users.csv'; Column = 'Status [READ ONLY]' }
) {
    BeforeEach {
        Reset-Workspace
        $script:journal = New-TestJournalPath
    }
    AfterEach { Remove-Item $script:journal -ErrorAction SilentlyContinue }

    It 'creates only the active, never re-enables a leaver, and disables a leaver still active, journalling why' {
        $result = Import-Csv (Join-Path $script:Exports $File) | Sync-ModeUser -MaxDisable 100% -JournalPath $script:journal `
            -WarningAction SilentlyContinue

        $users = Get-Users
        $users.Keys | Sort-Object | Should -Be @('ada@example.com', 'bob@example.com', 'cy@example.com', 'eve@example.com')
        $users['ada@example.com'].active | Should -BeTrue
        $users['eve@example.com'].active | Should -BeTrue
        $users['bob@example.com'].active | Should -BeFalse
        $users['cy@example.com'].active | Should -BeFalse
        @($result.Created) | Should -Be @('eve@example.com')
        @($result.Disabled) | Should -Be @('bob@example.com')
        @($result.Enabled) | Should -BeNullOrEmpty
        @($result.Failed) | Should -BeNullOrEmpty
        $journalled = @(Get-ModeScimJournal -Path $script:journal)
        # The create is journalled before it is sent, then the leaver.
        $journalled.Action | Should -Be @('Create', 'Disable')
        $journalled[0].UserName | Should -Be 'eve@example.com'
        $record = @($journalled | Where-Object Action -EQ 'Disable')
        $record[0].Reason | Should -BeLike "*$([WildcardPattern]::Escape($Column))*"
    }

    It 'plans no re-enable and no create of a leaver under -WhatIf' {
        $plan = Get-HostText { Import-Csv (Join-Path $script:Exports $File) | Sync-ModeUser -MaxDisable 100% -JournalPath $script:journal -WhatIf }

        $plan | Should -Not -BeLike '*cy@example.com*Enable*'
        $plan | Should -Not -BeLike '*Enable*cy@example.com*'
        $plan | Should -Not -BeLike '*dan@example.com*'
        $plan | Should -BeLike '*bob@example.com*'
        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0
    }

    It 'counts the leavers it disables against -MaxDisable, changing nothing when they are too many' {
        { Import-Csv (Join-Path $script:Exports $File) | Sync-ModeUser -MaxDisable 0 -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.DisableThresholdExceeded,ModeScim.PowerShell.Commands.SyncModeUserCommand'

        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0
    }

    It 'is refused row by row in New-ModeUser for everyone the source marks as not active' {
        $errors = Get-ErrorRecords { Import-Csv (Join-Path $script:Exports $File) | New-ModeUser -WarningAction SilentlyContinue }

        @($errors | Where-Object FullyQualifiedErrorId -like 'ModeScim.InactiveInSource,*').TargetObject | Sort-Object |
            Should -Be @('bob@example.com', 'cy@example.com', 'dan@example.com')
        @($errors | Where-Object FullyQualifiedErrorId -like 'ModeScim.UserAlreadyExists,*').TargetObject | Should -Be @('ada@example.com')
        (Get-Users).Keys | Sort-Object | Should -Be @('ada@example.com', 'bob@example.com', 'cy@example.com', 'eve@example.com')
    }

    It 'marks an account the reference says is not active as Orphaned in Get-ModeAccessReport' {
        $rows = @(Get-ModeAccessReport -Reference (Import-Csv (Join-Path $script:Exports $File)))

        ($rows | Where-Object UserName -eq 'bob@example.com').Status | Should -Be 'Orphaned'
        ($rows | Where-Object UserName -eq 'ada@example.com').Status | Should -Be 'Ok'
    }
}

Describe 'Guests and statuses that cannot be read' {
    BeforeEach {
        Reset-Workspace
        $script:journal = New-TestJournalPath
    }
    AfterEach { Remove-Item $script:journal -ErrorAction SilentlyContinue }

    It 'skips an Entra guest (#EXT#) with a warning unless -IncludeGuests' {
        $warnings = $null
        $null = Import-Csv (Join-Path $script:Exports 'entra-users.csv') | Sync-ModeUser -MaxDisable 100% -JournalPath $script:journal `
            -WarningVariable warnings -WarningAction SilentlyContinue

        "$warnings" | Should -BeLike '*1 guest row(s)*gus_partner.com#EXT#@tenant.onmicrosoft.com*-IncludeGuests*'
        (Get-Users).Keys | Should -Not -Contain 'gus_partner.com#EXT#@tenant.onmicrosoft.com'

        $null = Import-Csv (Join-Path $script:Exports 'entra-users.csv') | Sync-ModeUser -MaxDisable 100% -JournalPath $script:journal -IncludeGuests

        (Get-Users).Keys | Should -Contain 'gus_partner.com#EXT#@tenant.onmicrosoft.com'
    }

    It 'refuses a status it does not know, naming the value and the row, and neither enables nor disables that person' {
        $rows = @(
            [pscustomobject]@{ UserName = 'ada@example.com'; 'Worker Status' = 'Active' }
            [pscustomobject]@{ UserName = 'bob@example.com'; 'Worker Status' = 'Contractor' }
            [pscustomobject]@{ UserName = 'cy@example.com'; 'Worker Status' = 'Sabbatical' }
        )

        $result = $rows | Sync-ModeUser -DisableMissing -MaxDisable 100% -JournalPath $script:journal -ErrorAction SilentlyContinue -ErrorVariable errors

        @($errors | Where-Object FullyQualifiedErrorId -like 'ModeScim.InvalidInput,*').Count | Should -Be 2
        "$($errors[0])" | Should -BeLike "*row 2*'Worker Status'*'Contractor'*"
        $users = Get-Users
        $users['bob@example.com'].active | Should -BeTrue
        $users['cy@example.com'].active | Should -BeFalse
        @($result.Disabled) | Should -BeNullOrEmpty
        @($result.Enabled) | Should -BeNullOrEmpty
    }

    It 'gives one clear error, never a binder error, for a row New-ModeUser cannot read, naming its columns' {
        $errors = Get-ErrorRecords { [pscustomobject]@{ 'Worker Ref' = 'W-1'; 'Given' = 'Ada' } | New-ModeUser -ErrorAction Continue }

        $errors.Count | Should -Be 1
        $errors[0].FullyQualifiedErrorId | Should -Be 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.NewModeUserCommand'
        "$($errors[0])" | Should -BeLike "*'Worker Ref', 'Given'*about_ModeScim*"
        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0
    }

    It 'refuses a reference whose key columns it cannot find, with the message Sync-ModeUser gives' {
        $reference = @([pscustomobject]@{ 'Worker Ref' = 'W-1'; 'Given' = 'Ada' })

        $reportError = { Get-ModeAccessReport -Reference $reference } | Should -Throw -PassThru -ErrorId 'ModeScim.EmptyDesiredSet,ModeScim.PowerShell.Commands.GetModeAccessReportCommand'
        $syncError = { $reference | Sync-ModeUser -JournalPath $script:journal } | Should -Throw -PassThru -ErrorId 'ModeScim.EmptyDesiredSet,ModeScim.PowerShell.Commands.SyncModeUserCommand'

        $detail = "1 row(s) were given, but none has a UserName; the columns seen are: 'Worker Ref', 'Given'."
        $reportError.Exception.Message | Should -BeLike "*$detail*"
        $syncError.Exception.Message | Should -BeLike "*$detail*"
    }
}

Describe 'Sync-ModeUser -UpdateExisting and -MaxUpdate' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        foreach ($i in 1..12) { $null = New-EmulatorUser -Emulator $script:Emulator -UserName "worker$i@example.com" }
        Reset-ModeScimEmulator $script:Emulator
        # An export whose columns shifted by one: the email column holds what belonged in the next one.
        $script:shifted = foreach ($i in 1..12) { [pscustomobject]@{ UserName = "worker$i@example.com"; Mail = "dept$i@example.org" } }
    }

    It 'refuses an export that would change everyone''s email, naming the attribute and the share, with nothing changed' {
        $failure = { $script:shifted | Sync-ModeUser -UpdateExisting } |
            Should -Throw -PassThru -ErrorId 'ModeScim.UpdateThresholdExceeded,ModeScim.PowerShell.Commands.SyncModeUserCommand'

        # 10% of 12, but never fewer than 10 when -MaxUpdate is not given.
        $failure.Exception.Message | Should -BeLike '*-MaxUpdate 10% allows (10): Email of 12 of 12 users*'
        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0
    }

    It 'lets a small run fix a few people by default, and holds a small run to an explicit -MaxUpdate' {
        $few = $script:shifted[0..1]

        { $few | Sync-ModeUser -UpdateExisting -MaxUpdate 1 } |
            Should -Throw -ErrorId 'ModeScim.UpdateThresholdExceeded,ModeScim.PowerShell.Commands.SyncModeUserCommand'
        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be 0

        @(($few | Sync-ModeUser -UpdateExisting).Updated).Count | Should -Be 2
    }

    It 'applies as many updates as -MaxUpdate allows, given as a count or a share' {
        $result = $script:shifted | Sync-ModeUser -UpdateExisting -MaxUpdate 100%

        @($result.Updated).Count | Should -Be 12
        { $script:shifted | Sync-ModeUser -UpdateExisting -MaxUpdate 'ten' } |
            Should -Throw -ErrorId 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.SyncModeUserCommand'
    }
}

Describe 'Keyed by ExternalId, an account SAML made just in time (no externalId)' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        foreach ($i in 1..3) {
            $null = Invoke-EmulatorScim -Emulator $script:Emulator -Method Post -Path 'Users' -Body @{
                schemas = @('urn:ietf:params:scim:schemas:core:2.0:User'); userName = "p$i@example.com"; externalId = "E$i"; active = $true
            }
        }
        $script:jit = New-EmulatorUser -Emulator $script:Emulator -UserName 'jit@example.com'
        Reset-ModeScimEmulator $script:Emulator
        $script:rows = @(1..3 | ForEach-Object { [pscustomobject]@{ EmployeeId = "E$_"; UserName = "p$_@example.com" } }) +
            [pscustomobject]@{ EmployeeId = 'E20'; UserName = 'jit@example.com' }
    }

    It 'is found by the userName its row names: not disabled as missing, not created again, and given the externalId' {
        $result = $script:rows | Sync-ModeUser -Key ExternalId -DisableMissing -UpdateExisting -MaxDisable 100% -MaxUpdate 100% `
            -JournalPath (New-TestJournalPath)

        @($result.Disabled) | Should -BeNullOrEmpty
        @($result.Created) | Should -BeNullOrEmpty
        @($result.Failed) | Should -BeNullOrEmpty
        $jit = Get-EmulatorUser -Emulator $script:Emulator -Id $script:jit.id
        $jit.active | Should -BeTrue
        $jit.externalId | Should -Be 'E20'
    }

    It 'is never disabled by a row whose ID cell is blank: the refused row still names the person by userName' {
        $rows = @($script:rows[0..2]) + [pscustomobject]@{ EmployeeId = ''; UserName = 'jit@example.com' }

        $result = $rows | Sync-ModeUser -Key ExternalId -DisableMissing -MaxDisable 100% -JournalPath (New-TestJournalPath) `
            -ErrorAction SilentlyContinue -WarningAction SilentlyContinue

        @($result.Disabled) | Should -BeNullOrEmpty
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:jit.id).active | Should -BeTrue
    }

    It 'is vouched for by that row in Get-ModeAccessReport -Key ExternalId, with no Missing row' {
        $report = @(Get-ModeAccessReport -Reference $script:rows -Key ExternalId)

        ($report | Where-Object UserName -eq 'jit@example.com').Status | Should -Be 'Ok'
        @($report | Where-Object Status -in 'Missing', 'Orphaned') | Should -BeNullOrEmpty
    }
}

Describe 'A server that leaves emails and names out of every user it returns' {
    BeforeAll {
        $script:Omitting = Start-TestEmulator -ExtraArguments '--omit-user-attributes', 'emails,name'
        foreach ($i in 1..12) {
            $null = Invoke-EmulatorScim -Emulator $script:Omitting -Method Post -Path 'Users' -Body @{
                schemas = @('urn:ietf:params:scim:schemas:core:2.0:User'); userName = "worker$i@example.com"; displayName = "Worker $i"
                name = @{ givenName = 'Worker'; familyName = "$i" }; emails = @(@{ value = "worker$i@example.com"; type = 'work'; primary = $true })
            }
        }
        Connect-TestEmulator -Emulator $script:Omitting
        $script:export = foreach ($i in 1..12) {
            [pscustomobject]@{ UserName = "worker$i@example.com"; Mail = "worker$i@example.com"; FirstName = 'Worker'; LastName = "$i"; DisplayName = "Worker $i" }
        }
    }
    AfterAll {
        Connect-TestEmulator -Emulator $script:Emulator
        Stop-ModeScimEmulator $script:Omitting
    }

    It 'never compares emails no listed user has, learns from a PATCH answer that names are not returned, and sends none again' {
        # First run: emails are not compared (Mode keeps one for everyone); names are sent once and the answer lacks them.
        Reset-ModeScimEmulator $script:Omitting
        $verbose = @($script:export | Sync-ModeUser -UpdateExisting -MaxUpdate 100% -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })
        @($verbose | Where-Object Message -like '*returns no user with emails:*').Count | Should -Be 1
        (Get-ModeScimConnection).UserNameShown | Should -Be 'Unsupported'

        foreach ($run in 2..3) {
            Reset-ModeScimEmulator $script:Omitting
            $verbose = @($script:export | Sync-ModeUser -UpdateExisting -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })

            [int](Get-EmulatorStats -Emulator $script:Omitting).PATCH | Should -Be 0
            @($verbose | Where-Object Message -like '*returns no user with emails or name*').Count | Should -Be 1
        }
    }

    It 'still fills in names nobody has yet on a server that returns them' {
        $server = Start-TestEmulator
        try {
            $null = New-EmulatorUser -Emulator $server -UserName 'jit@example.com'
            Connect-TestEmulator -Emulator $server
            $result = [pscustomobject]@{ UserName = 'jit@example.com'; FirstName = 'Jit'; LastName = 'User' } | Sync-ModeUser -UpdateExisting

            @($result.Updated) | Should -Be @('jit@example.com')
            (Get-EmulatorUser -Emulator $server -Id (Get-EmulatorState -Emulator $server).users[0].id).name.givenName | Should -Be 'Jit'
        }
        finally {
            Connect-TestEmulator -Emulator $script:Omitting
            Stop-ModeScimEmulator $server
        }
    }
}

Describe '-ColumnMap for columns the table does not know' {
    BeforeEach {
        Reset-Workspace
        $script:custom = @(
            [pscustomobject]@{ 'Emp Mail' = 'ada@example.com'; 'Staff No' = 'S-1'; 'Emp State' = 'Current' }
            [pscustomobject]@{ 'Emp Mail' = 'bob@example.com'; 'Staff No' = 'S-2'; 'Emp State' = 'Left' }
            [pscustomobject]@{ 'Emp Mail' = 'eve@example.com'; 'Staff No' = 'S-5'; 'Emp State' = 'Current' }
        )
        $script:map = @{ 'Emp Mail' = 'Email'; 'Staff No' = 'ExternalId'; 'Emp State' = 'Status' }
    }

    It 'reads mapped columns, status included, in Sync-ModeUser, New-ModeUser and Get-ModeAccessReport' {
        $result = $script:custom | Sync-ModeUser -ColumnMap $script:map -MaxDisable 100% -JournalPath (New-TestJournalPath)

        @($result.Created) | Should -Be @('eve@example.com')
        @($result.Disabled) | Should -Be @('bob@example.com')
        (Get-Users)['eve@example.com'].active | Should -BeTrue

        $errors = Get-ErrorRecords { $script:custom[1] | New-ModeUser -ColumnMap $script:map }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.InactiveInSource,ModeScim.PowerShell.Commands.NewModeUserCommand'

        $report = @(Get-ModeAccessReport -Reference $script:custom -ColumnMap $script:map)
        ($report | Where-Object UserName -eq 'ada@example.com').Status | Should -Be 'Ok'
    }

    It 'refuses a map to something that is not an attribute, naming it, before any request' {
        { $script:custom | Sync-ModeUser -ColumnMap @{ 'Emp Mail' = 'Mailbox' } } |
            Should -Throw -ErrorId 'ModeScim.InvalidInput,ModeScim.PowerShell.Commands.SyncModeUserCommand' -ExpectedMessage "*'Emp Mail' to 'Mailbox'*"
        (Get-EmulatorStats -Emulator $script:Emulator).total | Should -Be 0
    }
}
