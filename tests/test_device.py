"""Device choice: CUDA float16 when CTranslate2 sees a GPU, else CPU int8.

CI has no GPU, so the GPU count is the one boundary injected here; the real
count is checked too, against what CTranslate2 itself reports.
"""

import ctranslate2
import pytest

from transcriber.asr.device import CPU_THREADS_ENV, choose_device, cpu_thread_count
from transcriber.errors import ModelError


def test_auto_takes_cuda_float16_when_a_gpu_is_visible() -> None:
    choice = choose_device("auto", cuda_count=1)
    assert (choice.device, choice.compute_type) == ("cuda", "float16")


def test_auto_falls_back_to_cpu_int8_with_threads() -> None:
    choice = choose_device("auto", cuda_count=0)
    assert (choice.device, choice.compute_type) == ("cpu", "int8")
    assert 1 <= choice.cpu_threads <= 8
    # The cores are split between decoders side by side, never oversubscribed.
    assert choice.workers >= min(cpu_thread_count(), 2)
    assert choice.cpu_threads * choice.workers <= cpu_thread_count()


def test_a_cpu_runs_as_many_decoders_as_cores_up_to_four(monkeypatch) -> None:
    for cores, workers, threads in [(1, 1, 1), (2, 2, 1), (3, 3, 1), (8, 4, 2), (16, 4, 4)]:
        monkeypatch.setenv(CPU_THREADS_ENV, str(cores))
        choice = choose_device("cpu")
        assert (choice.workers, choice.cpu_threads) == (workers, threads)
    assert choose_device("auto", cuda_count=1).workers == 1


def test_cuda_without_gpu_is_refused_clearly() -> None:
    with pytest.raises(ModelError, match="no GPU"):
        choose_device("cuda", cuda_count=0)


def test_cpu_is_cpu_even_with_a_gpu() -> None:
    assert choose_device("cpu", cuda_count=2).device == "cpu"


def test_unknown_device() -> None:
    with pytest.raises(ModelError, match="Unknown device"):
        choose_device("tpu")


def test_real_machine_choice_matches_ctranslate2() -> None:
    expected = "cuda" if ctranslate2.get_cuda_device_count() > 0 else "cpu"
    assert choose_device("auto").device == expected


def test_batched_decoding_on_a_gpu_encodes_its_own_batch(base_model_path) -> None:
    """On CUDA the engine's encoder outputs stay on the device, where NumPy cannot read
    them: the batched pipeline must encode its batch itself. The device is the one
    boundary stood in for; the real model encodes."""
    import numpy as np

    from transcriber.asr.engine import _EncodedOnce, load_model

    cpu_model, _device, _path = load_model(str(base_model_path), "cpu")
    features = np.zeros((80, 3000), dtype=np.float32)
    own = np.asarray(cpu_model.encode(features))

    class OnCuda:  # the CTranslate2 model, as it reports itself on a GPU
        device = "cuda"

    class GpuModel:
        model = OnCuda()
        encode = cpu_model.encode

    handed = np.ones_like(own)
    for whisper, expected in ((cpu_model, handed), (GpuModel(), own)):
        once = _EncodedOnce(whisper)
        once.hand([ctranslate2.StorageView.from_array(handed)])
        assert np.allclose(np.asarray(once.encode(features)), expected)
        # nothing handed for this batch: encoded as usual
        assert np.allclose(np.asarray(once.encode(features)), own)
