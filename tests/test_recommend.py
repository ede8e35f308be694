"""Which larger model the settings recommend for a machine."""

from __future__ import annotations

from transcriber.asr.recommend import GIB, recommend_model


def test_gpu_gets_large_v3_and_a_big_cpu_gets_turbo():
    assert recommend_model("whisper-base", 8 * GIB, 4, 1).model == "large-v3"
    assert recommend_model("whisper-base", 8 * GIB, 4, 1).reason == "cuda"
    big = recommend_model("whisper-base", 32 * GIB, 8, 0)
    assert (big.model, big.reason, big.ram_gib, big.cores) == ("large-v3-turbo", "cpu", 32, 8)
    assert recommend_model("whisper-base", 8 * GIB, 4, 0).model == "small"


def test_no_recommendation_for_a_small_machine_or_when_already_chosen():
    assert recommend_model("whisper-base", 4 * GIB, 2, 0) is None
    assert recommend_model("large-v3", 64 * GIB, 16, 1) is None


def test_this_machine_is_measured_when_not_given():
    # Whatever this machine is, the answer is consistent with its own numbers.
    from transcriber.asr.recommend import machine

    ram, cores, gpus = machine()
    assert ram > GIB and cores >= 1 and gpus >= 0
    assert recommend_model("whisper-base") == recommend_model("whisper-base", ram, cores, gpus)
