BeforeAll {
    . (Join-Path $PSScriptRoot 'Common.ps1')
    $script:Emulator = Start-TestEmulator -Seed 700
    Connect-TestEmulator -Emulator $script:Emulator
    $script:Users = @(Get-ModeUser)
    $script:Team = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Members Team' -MemberIds $script:Users[0..599].Id
}

AfterAll {
    Disconnect-ModeScim
    Stop-ModeScimEmulator $script:Emulator
}

Describe 'Get-ModeGroupMember' {
    BeforeEach {
        Reset-ModeScimEmulator $script:Emulator
    }

    It 'returns the members as user objects, looked up in batches rather than one GET each' {
        $members = @(Get-ModeGroupMember -Group 'Members Team')

        $members.Count | Should -Be 600
        $members[0] | Should -BeOfType 'ModeScim.PowerShell.Models.ModeUser'
        ($members.Id -join ',') | Should -Be ($script:Users[0..599].Id -join ',')
        # One read of the group, then at most 100 users a lookup.
        (Get-ModeScimEmulatorStats $script:Emulator).GET | Should -BeLessOrEqual 7
    }

    It 'takes groups from the pipeline' {
        $members = @(Get-ModeGroup 'Members Team' | Get-ModeGroupMember)
        $members.Count | Should -Be 600
    }

    It 'returns the members of each group of an array' {
        $null = New-EmulatorGroup -Emulator $script:Emulator -DisplayName 'Members Pair' -MemberIds $script:Users[600..601].Id

        $members = @(Get-ModeGroupMember -Group 'Members Pair', 'Members Team')

        $members.Count | Should -Be 602
        $members[0..1].Id | Should -Be $script:Users[600..601].Id
    }

    It 'reports a missing group as ModeScim.GroupNotFound' {
        $errors = Get-ErrorRecords { Get-ModeGroupMember 'Ghosts' }
        $errors.FullyQualifiedErrorId | Should -Be 'ModeScim.GroupNotFound,ModeScim.PowerShell.Commands.GetModeGroupMemberCommand'
    }
}
