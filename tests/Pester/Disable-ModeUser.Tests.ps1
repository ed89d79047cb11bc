BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator
    Connect-TestEmulator -Emulator $script:Emulator

    function Read-Journal([string] $Path) {
        @(Get-Content -LiteralPath $Path | ForEach-Object { $_ | ConvertFrom-Json })
    }
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Disable-ModeUser' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:journal = New-TestJournalPath
        $script:ada = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com'
        $script:bob = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'
        $script:finance = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Finance' -MemberIds $script:ada.id, $script:bob.id
        $script:analytics = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Analytics' -MemberIds $script:ada.id
        Reset-ModeScimEmulator $script:Emulator
    }

    AfterEach {
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    It 'records the user''s groups in the journal, then deactivates the user' {
        $before = [datetime]::UtcNow
        Disable-ModeUser -Identity 'ada@example.com' -Reason 'TICKET-42' -JournalPath $script:journal

        $records = Read-Journal $script:journal
        $records.Count | Should -Be 1
        $records[0].action | Should -Be 'Disable'
        $records[0].userId | Should -Be $script:ada.id
        $records[0].userName | Should -Be 'ada@example.com'
        @($records[0].groups.displayName | Sort-Object) | Should -Be @('Analytics', 'Finance')
        @($records[0].groups.id) | Should -Contain $script:finance.id
        $records[0].reason | Should -Be 'TICKET-42'
        $records[0].operator | Should -Not -BeNullOrEmpty
        # Stamped during the call, whatever its length (less a second, should the stamp be cut to whole seconds).
        $time = [datetime]::Parse($records[0].time).ToUniversalTime()
        $time | Should -BeGreaterOrEqual $before.AddSeconds(-1)
        $time | Should -BeLessOrEqual ([datetime]::UtcNow)
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeFalse
        # Mode's behaviour, which the journal exists to undo:
        Get-EmulatorGroupMemberIds -Emulator $script:Emulator -GroupId $script:finance.id | Should -Be @($script:bob.id)
    }

    It 'disables piped users and piped userNames alike' {
        Get-ModeUser 'ada@example.com' | Disable-ModeUser -JournalPath $script:journal
        'bob@example.com' | Disable-ModeUser -JournalPath $script:journal

        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeFalse
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeFalse
        (Read-Journal $script:journal).Count | Should -Be 2
    }

    It 'disables each user of an array given as -UserName, as Get-ModeUser takes one' {
        Disable-ModeUser -UserName 'ada@example.com', $script:bob.id -Reason 'array' -JournalPath $script:journal

        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeFalse
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeFalse
        $records = Read-Journal $script:journal
        @($records.userId | Sort-Object) | Should -Be @(@($script:ada.id, $script:bob.id) | Sort-Object)
        @($records.reason | Select-Object -Unique) | Should -Be 'array'
    }

    It 'disables the users of an array by position, and writes ModeScim.UserNotFound for the one nobody has' {
        $errors = Get-ErrorRecords { Disable-ModeUser 'ada@example.com', 'ghost@example.com', 'bob@example.com' -JournalPath $script:journal }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.DisableModeUserCommand'
        "$($errors[0].TargetObject)" | Should -Be 'ghost@example.com'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeFalse
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeFalse
    }

    It 'disables and journals a user named twice in one command once' {
        'ada@example.com', $script:ada.id, 'ADA@example.com ' | Disable-ModeUser -JournalPath $script:journal

        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeFalse
        (Read-Journal $script:journal).Count | Should -Be 1
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 1
    }

    It 'disables the rows of a CSV by their UserName column' {
        $rows = @([pscustomobject]@{ UserName = 'ada@example.com'; Reason = 'left' }, [pscustomobject]@{ UserName = 'bob@example.com'; Reason = 'moved' })

        $rows | Disable-ModeUser -JournalPath $script:journal

        (Read-Journal $script:journal).reason | Should -Be @('left', 'moved')
    }

    It 'returns the journal record with -PassThru' {
        $record = Disable-ModeUser 'ada@example.com' -JournalPath $script:journal -PassThru

        $record | Should -BeOfType 'ModeScim.PowerShell.Models.ModeScimJournalRecord'
        $record.Action | Should -Be 'Disable'
        $record.Groups.Count | Should -Be 2
        $record.Path | Should -Be $script:journal
    }

    It 'sends no request and writes nothing for an already inactive user' {
        $null = Disable-ModeUser 'ada@example.com' -JournalPath $script:journal
        Reset-ModeScimEmulator $script:Emulator

        $verbose = @(Disable-ModeUser 'ada@example.com' -JournalPath $script:journal -Verbose 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] })

        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        (Read-Journal $script:journal).Count | Should -Be 1
        ($verbose.Message -join "`n") | Should -BeLike '*already inactive*'
    }

    It 'sends no mutating request and writes no journal with -WhatIf' {
        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal -WhatIf

        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $script:journal | Should -Not -Exist
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeTrue
    }

    It 'honours $WhatIfPreference' {
        $WhatIfPreference = $true
        try { Disable-ModeUser 'ada@example.com' -JournalPath $script:journal } finally { $WhatIfPreference = $false }
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
    }

    It 'changes nothing when the journal cannot be written, and says so with ModeScim.JournalWriteFailed' {
        $blocker = New-TestJournalPath
        Set-Content -LiteralPath $blocker -Value 'a file, not a folder'
        try {
            $errors = Get-ErrorRecords { Disable-ModeUser 'ada@example.com' -JournalPath (Join-Path $blocker 'journal.jsonl') }

            $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.JournalWriteFailed,ModeScim.PowerShell.Commands.DisableModeUserCommand'
            (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
            (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeTrue
        }
        finally {
            Remove-Item $blocker -ErrorAction SilentlyContinue
        }
    }

    It 'uses $env:MODESCIM_JOURNAL when no -JournalPath is given' {
        $env:MODESCIM_JOURNAL = $script:journal
        try { Disable-ModeUser 'ada@example.com' } finally { Remove-Item Env:MODESCIM_JOURNAL }
        (Read-Journal $script:journal).userName | Should -Be 'ada@example.com'
    }

    It 'refuses a string that is one user''s userName and another''s id, changing nothing' {
        $null = New-EmulatorUser -Emulator $script:Emulator -UserName $script:bob.id
        Reset-ModeScimEmulator $script:Emulator

        $errors = Get-ErrorRecords { Disable-ModeUser $script:bob.id -JournalPath $script:journal }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.AmbiguousIdentity,ModeScim.PowerShell.Commands.DisableModeUserCommand'
        (Get-ModeScimEmulatorStats $script:Emulator).mutating | Should -Be 0
        $script:journal | Should -Not -Exist
    }

    It 'reports a missing user and goes on with the rest' {
        $errors = Get-ErrorRecords { 'ghost@example.com', 'bob@example.com' | Disable-ModeUser -JournalPath $script:journal }

        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.UserNotFound,ModeScim.PowerShell.Commands.DisableModeUserCommand'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeFalse
    }

    It 'deactivates with PUT on a server without PATCH' {
        $noPatch = Start-TestEmulator -ExtraArguments @('--no-patch')
        try {
            $connection = Connect-TestEmulator -Emulator $noPatch -PassThru
            $user = New-EmulatorUser -Emulator $noPatch -UserName 'carol@example.com'

            Disable-ModeUser 'carol@example.com' -JournalPath $script:journal -Connection $connection

            (Get-EmulatorUser -Emulator $noPatch -Id $user.id).active | Should -BeFalse
            (Get-ModeScimEmulatorStats $noPatch).PATCH | Should -Be 0
        }
        finally {
            Stop-ModeScimEmulator $noPatch
            Connect-TestEmulator -Emulator $script:Emulator
        }
    }
}

# The lockout guard, with Mode's REST API: the server's truth read through the emulator's admin endpoints.
Describe 'Disable-ModeUser and Sync-ModeUser -DisableMissing keep an admin and the REST credentials' {
    BeforeAll {
        function Set-Admin([string] $Email) {
            $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/api/engagement" -ContentType 'application/json' `
                -Body (@{ email = $Email; admin = $true } | ConvertTo-Json)
        }
        # $null makes the credentials a workspace token's again.
        function Set-TokenOwner($Email) {
            $null = Invoke-RestMethod -Method Post -Uri "$($script:Emulator.AdminUri)/api/token-owner" -ContentType 'application/json' `
                -Body (@{ owner = $Email } | ConvertTo-Json)
        }
        function Get-Account([string] $Email) {
            (Get-EmulatorApiState -Emulator $script:Emulator).accounts | Where-Object email -EQ $Email
        }
    }

    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator -Data
        $script:journal = New-TestJournalPath
        $script:ada = New-EmulatorUser -Emulator $script:Emulator -UserName 'ada@example.com'
        $script:bob = New-EmulatorUser -Emulator $script:Emulator -UserName 'bob@example.com'
        Set-Admin 'ada@example.com'
        Connect-TestEmulatorWithApi -Emulator $script:Emulator
    }

    AfterEach {
        Set-TokenOwner $null
        Connect-TestEmulator -Emulator $script:Emulator
        Remove-Item $script:journal -ErrorAction SilentlyContinue
    }

    It 'refuses to disable the only admin with ModeScim.LastAdmin, and changes no one of the run' {
        $before = (Get-EmulatorStats -Emulator $script:Emulator).mutating

        { 'bob@example.com', 'ada@example.com' | Disable-ModeUser -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.LastAdmin,ModeScim.PowerShell.Commands.DisableModeUserCommand'

        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be $before
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeTrue
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeTrue
        $admin = Get-Account 'ada@example.com'
        ($admin.admin, $admin.state) | Should -Be @($true, 'active')
        $script:journal | Should -Not -Exist
    }

    It 'disables the only admin with -Force, warning what it overrode' {
        $null = Disable-ModeUser 'ada@example.com' -Force -JournalPath $script:journal -WarningVariable warned -WarningAction SilentlyContinue

        "$warned" | Should -BeLike '*-Force*no active Mode admin would remain*'
        (Get-Account 'ada@example.com').state | Should -Be 'deactivated'
    }

    It 'disables an admin while another active admin stays' {
        Set-Admin 'bob@example.com'

        Disable-ModeUser 'ada@example.com' -JournalPath $script:journal

        (Get-Account 'ada@example.com').state | Should -Be 'deactivated'
        (Get-Account 'bob@example.com').state | Should -Be 'active'
    }

    It 'warns once, without the REST API, that the check could not be made, and disables' {
        Connect-TestEmulator -Emulator $script:Emulator

        $output = @('ada@example.com', 'bob@example.com' | Disable-ModeUser -JournalPath $script:journal 3>&1)

        $warnings = @($output | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $warnings.Count | Should -Be 1
        $warnings[0].Message | Should -BeLike '*lockout check*could not be made*'
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:ada.id).active | Should -BeFalse
    }

    It 'refuses Sync-ModeUser -DisableMissing that would disable the credentials'' owner before any create is sent' {
        Set-TokenOwner 'bob@example.com'
        $before = (Get-EmulatorStats -Emulator $script:Emulator).mutating
        $rows = @([pscustomobject]@{ UserName = 'ada@example.com' }, [pscustomobject]@{ UserName = 'joiner@example.com' })

        { $rows | Sync-ModeUser -DisableMissing -MaxDisable 100% -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.CredentialOwner,ModeScim.PowerShell.Commands.SyncModeUserCommand'

        (Get-EmulatorStats -Emulator $script:Emulator).mutating | Should -Be $before
        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeTrue
        @((Get-EmulatorState -Emulator $script:Emulator).users.userName) | Should -Not -Contain 'joiner@example.com'
    }

    It 'refuses Remove-ModeUser of the credentials'' owner; Sync-ModeUser -Force does not override the guard' {
        Set-TokenOwner 'bob@example.com'

        { Remove-ModeUser 'bob@example.com' -JournalPath $script:journal -Confirm:$false } |
            Should -Throw -ErrorId 'ModeScim.CredentialOwner,ModeScim.PowerShell.Commands.RemoveModeUserCommand'
        { [pscustomobject]@{ UserName = 'ada@example.com' } | Sync-ModeUser -DisableMissing -MaxDisable 100% -Force -JournalPath $script:journal } |
            Should -Throw -ErrorId 'ModeScim.CredentialOwner,ModeScim.PowerShell.Commands.SyncModeUserCommand'

        (Get-EmulatorUser -Emulator $script:Emulator -Id $script:bob.id).active | Should -BeTrue
    }
}
