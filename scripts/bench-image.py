"""Pillow + numpy + scikit-image on the pair image-bench wrote: median ms of decode-only, and of
decode + PSNR + SSIM (skimage defaults: 7x7 uniform window, data_range 255, colour as channel_axis).
The medians also go to python.json in the same folder (read by `make bench`)."""
import json, statistics, sys, time
import numpy as np
from PIL import Image
from skimage.metrics import peak_signal_noise_ratio, structural_similarity

folder = sys.argv[1]
def load(name):
    return np.asarray(Image.open(f"{folder}/{name}.png").convert("RGB"))
def median_ms(body, runs):
    times = []
    for _ in range(runs):
        start = time.perf_counter(); body(); times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)
results = {}
for name in ["identical", "different"]:
    decode = median_ms(lambda: (load("baseline"), load(name)), 9)
    def full():
        a, b = load("baseline"), load(name)
        psnr = peak_signal_noise_ratio(a, b, data_range=255)
        ssim = structural_similarity(a, b, channel_axis=2, data_range=255)
        return psnr, ssim
    psnr, ssim = full()
    total = median_ms(full, 5)
    print(f"python {name}: Pillow decode-only pair {decode:.1f} ms | decode+PSNR+SSIM {total:.1f} ms (PSNR {psnr:.1f}, SSIM {ssim:.4f})")
    results[name] = {"decode_ms": decode, "decode_compare_ms": total, "psnr": psnr if np.isfinite(psnr) else None, "ssim": ssim}
with open(f"{folder}/python.json", "w") as handle:
    json.dump(results, handle)
