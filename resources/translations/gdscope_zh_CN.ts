<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN" sourcelanguage="en">
<context>
    <name>AccuracyTablePanel</name>
    <message>
        <location filename="../../widgets/real_model/accuracy_table.py" line="+56"/>
        <source>Optimizer</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Each optimizer starts from the same initial weights.</source>
        <translation>每个优化器都从相同的初始权重开始。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data · model</source>
        <translation>数据 · 模型</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>The images and the model trained on them.</source>
        <translation>图像数据集以及在其上训练的模型。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Epochs</source>
        <translation>轮数</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Passes over the training images.</source>
        <translation>遍历训练图像的轮数。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accuracy on the images it learned from.</source>
        <translation>在用于训练的图像上的准确率。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Val</source>
        <translation>验证</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accuracy on the validation images (never trained on).</source>
        <translation>在验证图像上的准确率（从未用于训练）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Accuracy on the test images (never trained on).</source>
        <translation>在测试图像上的准确率（从未用于训练）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Share of images classified correctly after the last epoch. Training accuracy far above validation and test means the model memorises; greyed rows are earlier trainings.</source>
        <translation>最后一轮训练后被正确分类的图像所占的比例。训练集准确率远高于验证集和测试集，说明模型在死记硬背（过拟合）；灰色的行是之前的训练。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Every nn.Linear(in, out) learns an out×in weight matrix and out biases.</source>
        <translation>每个 nn.Linear(in, out) 学习一个 out×in 的权重矩阵和 out 个偏置。</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>An earlier training, kept for comparison.</source>
        <translation>之前的一次训练，保留下来用于比较。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>{title}: {total} parameters in {count} layers</source>
        <translation>{title}：{count} 层，共 {total} 个参数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Guessing at random is right {chance} of the time ({count} classes).</source>
        <translation>随机猜测的正确率为 {chance}（共 {count} 个类别）。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>nn.Linear({n_in}, {n_out}): {total} parameters (a {n_out}×{n_in} weight matrix = {weights} weights + {n_out} biases)</source>
        <translation>nn.Linear({n_in}, {n_out})：{total} 个参数（{n_out}×{n_in} 的权重矩阵 = {weights} 个权重 + {n_out} 个偏置）</translation>
    </message>
</context>
<context>
    <name>BatchSliderWidget</name>
    <message>
        <location filename="../../widgets/controls/batch_slider.py" line="+32"/>
        <source>SGD</source>
        <translation>SGD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>mini-batch</source>
        <translation>小批量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>GD</source>
        <translation>GD</translation>
    </message>
    <message>
        <location line="+46"/>
        <source>full</source>
        <translation>全部</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>B = {0}</source>
        <translation>B = {0}</translation>
    </message>
</context>
<context>
    <name>CodePanel</name>
    <message>
        <location filename="../../widgets/panels/code_panel.py" line="+71"/>
        <source>Copy</source>
        <translation>复制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Copy the script to the clipboard, to paste into a notebook.</source>
        <translation>把脚本复制到剪贴板，以便粘贴到 notebook 中。</translation>
    </message>
</context>
<context>
    <name>ControlsPanel</name>
    <message>
        <location filename="../../widgets/controls/controls_panel.py" line="+64"/>
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Step size of every optimizer (log scale); drag or type a value and press Enter.</source>
        <translation>所有优化器的步长（对数刻度）；拖动滑块，或输入数值后按 Enter。</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+140"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="-137"/>
        <source>separate learning rates</source>
        <translation>分别设置学习率</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Give each parameter its own learning rate (two torch param groups).</source>
        <translation>为每个参数单独设置学习率（两个 torch 参数组）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Step size of the second parameter (log scale); drag or type a value and press Enter.</source>
        <translation>第二个参数的步长（对数刻度）；拖动滑块，或输入数值后按 Enter。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>Samples per gradient step: 1 is SGD, the right end uses all data (GD).</source>
        <translation>每个梯度步使用的样本数：1 就是 SGD，最右端使用全部数据（GD）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Smoothing of the bold loss curves: higher β averages over more past steps.</source>
        <translation>粗线损失曲线的平滑程度：β 越大，参与平均的历史步数越多。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>EMA β</source>
        <translation>EMA β</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>How many optimizer steps every run takes.</source>
        <translation>每次运行执行多少个优化步。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>steps</source>
        <translation>步数</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Spread σ of the per-sample gradient noise; 0 makes every batch agree.</source>
        <translation>每个样本的梯度噪声的标准差 σ；为 0 时所有批次的梯度都一致。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>noise σ</source>
        <translation>噪声 σ</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Number of synthetic samples the surface&apos;s loss is averaged over.</source>
        <translation>曲面的损失是对多少个合成样本取平均得到的。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>samples</source>
        <translation>样本数</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Random seed of the noise and batch order: same seed, same runs.</source>
        <translation>噪声和批次顺序的随机种子：种子相同，运行结果也相同。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+72"/>
        <location line="+3"/>
        <source>lr for {name}</source>
        <translation>{name} 的学习率</translation>
    </message>
</context>
<context>
    <name>CriticalMarks</name>
    <message>
        <location filename="../../widgets/common/critical_marks.py" line="+70"/>
        <source>minimum</source>
        <translation>极小值点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>maximum</source>
        <translation>极大值点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>saddle</source>
        <translation>鞍点</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>degenerate point</source>
        <translation>退化点</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>up along {0}</source>
        <translation>沿 {0} 向上弯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>down along {0}</source>
        <translation>沿 {0} 向下弯</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>flat along {0}</source>
        <translation>沿 {0} 平坦</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>{0} and {1}</source>
        <translation>{0} 和 {1}</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>{kind} at ({x}, {y}): eigenvalues {l1}, {l2} — curves {curves}</source>
        <translation>{kind} ({x}, {y})：特征值 {l1}、{l2}——{curves}</translation>
    </message>
</context>
<context>
    <name>DashboardController</name>
    <message>
        <location filename="../../app/window/dashboard_controller.py" line="+72"/>
        <source>Streaming to Visdom at %1</source>
        <translation>正在推送到 Visdom：%1</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Logging to TensorBoard in %1</source>
        <translation>正在写入 TensorBoard 日志：%1</translation>
    </message>
</context>
<context>
    <name>Dashboards</name>
    <message>
        <location line="+103"/>
        <source>%1: %2 — the app goes on without it</source>
        <translation>%1：%2 — 应用不受影响，继续运行</translation>
    </message>
    <message>
        <location filename="../../app/window/dashboard_dialogs.py" line="+64"/>
        <source>Log to TensorBoard: choose a log folder</source>
        <translation>记录到 TensorBoard：选择日志文件夹</translation>
    </message>
</context>
<context>
    <name>DataControlsPanel</name>
    <message>
        <location filename="../../widgets/controls/data_controls.py" line="+56"/>
        <source>The dataset the model is fitted to.</source>
        <translation>模型要拟合的数据集。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load CSV…</source>
        <translation>加载 CSV…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fit the model to samples read from a CSV file of your own.</source>
        <translation>用你自己的 CSV 文件中的样本来拟合模型。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>dataset</source>
        <translation>数据集</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>mean</source>
        <translation>平均（mean）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>sum</source>
        <translation>求和（sum）</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How the per-sample losses are combined into one loss: their mean or their sum.</source>
        <translation>如何把各个样本的损失合成一个损失：取平均或者求和。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>reduction</source>
        <translation>归约方式</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sum multiplies the gradient by the batch size (the course&apos;s size_average=False)</source>
        <translation>sum 会让梯度乘以批大小（即课程中的 size_average=False）</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>Share of the samples the optimizer trains on.</source>
        <translation>优化器用来训练的样本比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share held out to watch for overfitting while training.</source>
        <translation>留出来在训练过程中监测过拟合的样本比例。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Share kept aside to measure the final model once.</source>
        <translation>留到最后、只用来评估一次最终模型的样本比例。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Apply split</source>
        <translation>应用划分</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Split the samples into the three fractions (they must add up to 1).</source>
        <translation>按这三个比例划分样本（三者之和必须为 1）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>val</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>split</source>
        <translation>划分</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>shuffle every epoch</source>
        <translation>每个 epoch 打乱顺序</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Reshuffle the samples every epoch like DataLoader(shuffle=True); off = file order.</source>
        <translation>像 DataLoader(shuffle=True) 一样在每个 epoch 重新打乱样本；关闭时按文件中的顺序。</translation>
    </message>
    <message>
        <location line="+75"/>
        <source>the three fractions must add up to 1</source>
        <translation>三个比例之和必须为 1</translation>
    </message>
</context>
<context>
    <name>DataPanel</name>
    <message>
        <location filename="../../widgets/panels/data_panel.py" line="+48"/>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>y</source>
        <translation>y</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>train</source>
        <translation>训练集</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>validation</source>
        <translation>验证集</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>test</source>
        <translation>测试集</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>The loss on the test set, which the optimizer never sees while it trains.</source>
        <translation>测试集上的损失；优化器在训练时从未见过测试集。</translation>
    </message>
</context>
<context>
    <name>ExpressionBar</name>
    <message>
        <location filename="../../widgets/controls/expression_bar.py" line="+27"/>
        <source>e.g. x^2 + 3*sin(y)</source>
        <translation>例如 x^2 + 3*sin(y)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>A formula in x and y made of numbers, + - * / ^, pi, e and sin cos tan exp log sqrt abs tanh sinh cosh atan atan2 min max.</source>
        <translation>关于 x 和 y 的公式，可以使用数字、+ - * / ^、pi、e，以及 sin cos tan exp log sqrt abs tanh sinh cosh atan atan2 min max。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>f(x, y) =</source>
        <translation>f(x, y) =</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Draw</source>
        <translation>绘制</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Draw the surface of the formula (same as pressing Enter).</source>
        <translation>绘制这个公式的曲面（与按 Enter 相同）。</translation>
    </message>
</context>
<context>
    <name>GalleryPanel</name>
    <message>
        <location filename="../../widgets/panels/gallery_panel.py" line="+62"/>
        <source>Click a surface to run the optimizers on it.</source>
        <translation>点击一个曲面，在它上面运行优化器。</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>Click to run the optimizers on this surface.</source>
        <translation>点击以在这个曲面上运行优化器。</translation>
    </message>
</context>
<context>
    <name>GraphPanel</name>
    <message>
        <location filename="../../widgets/panels/graph_panel.py" line="+117"/>
        <source>The graph autograd built for the loss: each box is one operation.</source>
        <translation>autograd 为损失构建的计算图：每个方框是一个运算。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Each box shows its output and the gradient of the loss with respect to it.</source>
        <translation>每个方框显示它的输出，以及损失对它的梯度。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Draw the graph of the whole batch&apos;s loss or of one sample&apos;s.</source>
        <translation>绘制整个批次的损失的计算图，或者单个样本的损失的计算图。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The step just taken, written as plain gradient descent.</source>
        <translation>刚刚走的这一步，写成普通梯度下降的形式。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Step by step</source>
        <translation>分步演示</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replay the update at the play head in sub-steps on the 3D view and the map.</source>
        <translation>在 3D 视图和等高线图上分几步重放播放头处的这一次更新。</translation>
    </message>
    <message>
        <location line="+69"/>
        <source>The update the optimizer took, term by term, as torch.optim does it.</source>
        <translation>优化器这一步的更新，逐项写出，与 torch.optim 的计算一致。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>whole batch</source>
        <translation>整个批次</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>sample {k}</source>
        <translation>样本 {k}</translation>
    </message>
    <message>
        <location line="+67"/>
        <source>parameter (requires_grad=True): descent changes it</source>
        <translation>参数（requires_grad=True）：梯度下降会改变它</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>data (requires_grad=False): no gradient is kept</source>
        <translation>数据（requires_grad=False）：不保留梯度</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>operation recorded by autograd</source>
        <translation>autograd 记录的运算</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>the loss: backward() starts here with ∂L/∂L = 1</source>
        <translation>损失：backward() 从这里开始，∂L/∂L = 1</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>{p} ← {p} − lr · ∂L/∂{p} = {before} − {lr} · {grad} = {after}</source>
        <translation>{p} ← {p} − lr · ∂L/∂{p} = {before} − {lr} · {grad} = {after}</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>; the optimizer went to {after}</source>
        <translation>；优化器实际走到了 {after}</translation>
    </message>
</context>
<context>
    <name>HeightLegendWidget</name>
    <message>
        <location filename="../../widgets/views/height_legend.py" line="+109"/>
        <source>The highest part of the surface is cut off</source>
        <translation>曲面最高的部分被截去了</translation>
    </message>
</context>
<context>
    <name>ImageGridPanel</name>
    <message>
        <location filename="../../widgets/real_model/image_grid_panel.py" line="+117"/>
        <source>Whose guesses to show: each optimizer trained its own model.</source>
        <translation>显示哪个优化器的预测：每个优化器都训练了自己的模型。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Wrong guesses among the images shown (framed in red).</source>
        <translation>所显示的图像中预测错误的数量（用红框标出）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Guesses of</source>
        <translation>预测来自</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Train a model to see its guesses on test images.</source>
        <translation>训练一个模型，查看它对测试图像的预测。</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>{wrong} of {count} wrong</source>
        <translation>{count} 张中错了 {wrong} 张</translation>
    </message>
</context>
<context>
    <name>LessonPanel</name>
    <message>
        <location filename="../../widgets/panels/lesson_panel.py" line="+42"/>
        <source>What this lesson shows and what to look for.</source>
        <translation>这节课展示了什么，以及应该观察什么。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Replay</source>
        <translation>重新播放</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Run the lesson again from its first step.</source>
        <translation>从第一步开始重新运行这节课。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Leave lesson</source>
        <translation>退出课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Close the lesson and go back to exploring freely.</source>
        <translation>关闭这节课，回到自由探索。</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>Pick a lesson from the Lessons menu.</source>
        <translation>请从“课程”菜单中选择一节课。</translation>
    </message>
</context>
<context>
    <name>LessonRuns</name>
    <message>
        <location filename="../../app/state/lessons.py" line="+102"/>
        <source>β = 0 (raw)</source>
        <translation>β = 0（原始）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>β = 0.99, no bias correction</source>
        <translation>β = 0.99，无偏差修正</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>constant lr</source>
        <translation>固定 lr</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>StepLR (×0.2 every 100 steps)</source>
        <translation>StepLR（每 100 步 ×0.2）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>warm-up + cosine (OneCycleLR)</source>
        <translation>预热 + 余弦（OneCycleLR）</translation>
    </message>
</context>
<context>
    <name>LossPlotPanel</name>
    <message>
        <location filename="../../widgets/panels/loss_plot_panel.py" line="+117"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>log y</source>
        <translation>对数 y 轴</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Show the loss on a logarithmic axis (values ≤ 0 are not drawn).</source>
        <translation>用对数坐标轴显示损失（≤ 0 的值不绘制）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EMA bias correction</source>
        <translation>EMA 偏差校正</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Divide the smoothed loss by 1 − βᵗ so early steps are not pulled toward zero.</source>
        <translation>把平滑后的损失除以 1 − βᵗ，使最初几步不会被拉向 0。</translation>
    </message>
</context>
<context>
    <name>LrPlotView</name>
    <message>
        <location filename="../../widgets/panels/lr_plot_view.py" line="+46"/>
        <source>lr</source>
        <translation>lr</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../app/window/controller.py" line="+178"/>
        <source>Computing the runs… %1 of %2</source>
        <translation>正在计算运行…… 第 %1 个，共 %2 个</translation>
    </message>
    <message>
        <location line="+103"/>
        <source>Could not load: %1</source>
        <translation>无法加载：%1</translation>
    </message>
    <message>
        <location filename="../../app/window/course_controller.py" line="+174"/>
        <source>No data here: an analytic surface is its own loss.</source>
        <translation>这里没有数据：解析曲面本身就是损失。</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>test loss %1 (never used for training)</source>
        <translation>测试损失 %1（从未用于训练）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>no test set: give it a fraction in the split</source>
        <translation>没有测试集：请在划分中给它分配一个比例</translation>
    </message>
    <message>
        <location filename="../../app/window/export_controller.py" line="+83"/>
        <source>nothing to animate yet</source>
        <translation>还没有可以制作动画的内容</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Drawing the animation…</source>
        <translation>正在绘制动画…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <location line="+102"/>
        <location filename="../../app/window/session_controller.py" line="+73"/>
        <source>Saved %1</source>
        <translation>已保存 %1</translation>
    </message>
    <message>
        <location line="-65"/>
        <source>Export failed</source>
        <translation>导出失败</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Export the 3D view</source>
        <translation>导出 3D 视图</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the contour map</source>
        <translation>导出等高线图</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the window</source>
        <translation>导出窗口</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+4"/>
        <source>Export the runs</source>
        <translation>导出运行结果</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Export the animation</source>
        <translation>导出动画</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Export cancelled</source>
        <translation>已取消导出</translation>
    </message>
    <message>
        <location filename="../../app/window/main_window.py" line="+39"/>
        <source>play / pause</source>
        <translation>播放 / 暂停</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>one step back / forward</source>
        <translation>后退 / 前进一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>back to step 0</source>
        <translation>回到第 0 步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>reset the 3D camera</source>
        <translation>重置 3D 视角</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>save / open a session</source>
        <translation>保存 / 打开会话</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>export the window as PNG</source>
        <translation>把窗口导出为 PNG</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>gdscope — see gradient descent</source>
        <translation>gdscope — 看见梯度下降</translation>
    </message>
    <message>
        <location line="+57"/>
        <source>Optimizers &amp;&amp; settings</source>
        <translation>优化器与设置</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Gallery</source>
        <translation>曲面库</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Data &amp;&amp; model</source>
        <translation>数据与模型</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Computation graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>PyTorch code</source>
        <translation>PyTorch 代码</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Lesson</source>
        <translation>课程</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Race</source>
        <translation>竞赛</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Open session…</source>
        <translation>打开会话(&amp;O)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Save session…</source>
        <translation>保存会话(&amp;S)…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Open &amp;recent</source>
        <translation>最近打开(&amp;R)</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>&amp;Export</source>
        <translation>导出(&amp;E)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Window as PNG…</source>
        <translation>窗口导出为 PNG(&amp;W)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;3D view as PNG…</source>
        <translation>3D 视图导出为 PNG(&amp;3)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Contour map as PNG…</source>
        <translation>等高线图导出为 PNG(&amp;C)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Animation (GIF/MP4)…</source>
        <translation>动画 (GIF/MP4)(&amp;A)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs as &amp;CSV…</source>
        <translation>运行结果导出为 CSV(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Runs as &amp;JSON…</source>
        <translation>运行结果导出为 JSON(&amp;J)…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Stream to &amp;Visdom…</source>
        <translation>推送到 Visdom(&amp;V)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Log to &amp;TensorBoard…</source>
        <translation>记录到 TensorBoard(&amp;T)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Quit</source>
        <translation>退出(&amp;Q)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Reset camera</source>
        <translation>重置视角(&amp;R)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Log height (for huge ranges)</source>
        <translation>对数高度（用于跨度很大的损失）(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Wireframe</source>
        <translation>线框(&amp;W)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Gradient arrows</source>
        <translation>梯度箭头(&amp;G)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Momentum arrows</source>
        <translation>动量箭头(&amp;M)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Critical points</source>
        <translation>临界点(&amp;C)</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;Lessons</source>
        <translation>课程(&amp;L)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Real model: a digit classifier…</source>
        <translation>真实模型：手写数字分类器(&amp;R)…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train softmax regression or a small MLP on real images and see its loss landscape</source>
        <translation>在真实图像上训练 softmax 回归或小型 MLP，并查看其损失地形</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>L&amp;anguage</source>
        <translation>语言(&amp;A)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Keyboard shortcuts</source>
        <translation>键盘快捷键(&amp;K)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;About gdscope</source>
        <translation>关于 gdscope(&amp;A)</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>About gdscope</source>
        <translation>关于 gdscope</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>gdscope shows how gradient descent works: optimizers stepping across a loss surface, each exactly as torch.optim does.</source>
        <translation>gdscope 展示梯度下降是如何工作的：各个优化器在损失曲面上一步步前进，每一步都与 torch.optim 的计算完全一致。</translation>
    </message>
    <message>
        <location filename="../../app/window/presenter.py" line="+66"/>
        <source>step %1 / %2</source>
        <translation>第 %1 / %2 步</translation>
    </message>
    <message>
        <location filename="../../app/window/settings_presenter.py" line="+28"/>
        <source>Course data (x = 1, 2, 3)</source>
        <translation>课程数据（x = 1, 2, 3）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synthetic regression</source>
        <translation>合成回归数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synthetic classification</source>
        <translation>合成分类数据</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Synthetic tanh curve</source>
        <translation>合成 tanh 曲线</translation>
    </message>
    <message>
        <location filename="../../app/window/problem_inputs.py" line="+74"/>
        <source>Load data (x,y)</source>
        <translation>加载数据 (x,y)</translation>
    </message>
    <message>
        <location filename="../../app/window/session_controller.py" line="+44"/>
        <source>The last session could not be restored (%1); it was moved to %2.</source>
        <translation>无法恢复上一次的会话（%1）；它已被移到 %2。</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>Session</source>
        <translation>会话</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Save session</source>
        <translation>保存会话</translation>
    </message>
    <message>
        <location line="+2"/>
        <location line="+10"/>
        <source>gdscope session (*%1)</source>
        <translation>gdscope 会话 (*%1)</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>Open session</source>
        <translation>打开会话</translation>
    </message>
</context>
<context>
    <name>OptimizerRowWidget</name>
    <message>
        <location filename="../../app/state/optimizer_kinds.py" line="+55"/>
        <source>momentum</source>
        <translation>动量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>How much of the previous step is carried into the next one.</source>
        <translation>上一步有多少被带入下一步。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>β1</source>
        <translation>β1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decay rate of the running mean of gradients (first moment).</source>
        <translation>梯度滑动平均（一阶矩）的衰减率。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>β2</source>
        <translation>β2</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decay rate of the running mean of squared gradients (second moment).</source>
        <translation>梯度平方滑动平均（二阶矩）的衰减率。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>AMSGrad</source>
        <translation>AMSGrad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Divide by the largest second moment seen so far instead of the current one.</source>
        <translation>除以迄今为止最大的二阶矩，而不是当前的二阶矩。</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>eps</source>
        <translation>eps</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Small constant added to the denominator so the step never divides by zero.</source>
        <translation>加到分母上的小常数，保证更新时不会除以零。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>weight decay</source>
        <translation>权重衰减</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Pulls the parameters toward zero by this fraction each step (L2 penalty).</source>
        <translation>每一步按这个比例把参数拉向 0（L2 惩罚）。</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>GD (full batch)</source>
        <translation>GD（全批量）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Plain gradient descent: every step uses the gradient of the whole data set.</source>
        <translation>普通梯度下降：每一步都使用整个数据集的梯度。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>SGD (batch 1)</source>
        <translation>SGD（批大小 1）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stochastic gradient descent: every step uses the gradient of one sample.</source>
        <translation>随机梯度下降：每一步只使用一个样本的梯度。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Mini-batch SGD</source>
        <translation>小批量 SGD</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Every step uses the gradient of a batch of the size set by the batch slider.</source>
        <translation>每一步使用一个小批量的梯度，批大小由“批大小”滑块设置。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Momentum</source>
        <translation>动量法</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>SGD with momentum: steps build up speed along directions that keep agreeing.</source>
        <translation>带动量的 SGD：在梯度持续一致的方向上，步子会越走越快。</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>dampening</source>
        <translation>阻尼</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Fraction of each new gradient left out of the momentum buffer.</source>
        <translation>每个新梯度中不计入动量缓冲区的比例。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Nesterov</source>
        <translation>Nesterov 动量</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Momentum that looks ahead: the gradient is taken where the momentum is heading.</source>
        <translation>向前看的动量法：在动量将要到达的位置计算梯度。</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Adagrad</source>
        <translation>Adagrad</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Divides each step by the root of all squared gradients so far, per coordinate.</source>
        <translation>在每个坐标上，把步长除以迄今所有梯度平方和的平方根。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>lr decay</source>
        <translation>学习率衰减</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Shrinks the learning rate as lr / (1 + (step − 1) · lr_decay).</source>
        <translation>按 lr / (1 + (step − 1) · lr_decay) 逐步减小学习率。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>initial accum.</source>
        <translation>初始累加值</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Starting value of the sum of squared gradients (larger = smaller first steps).</source>
        <translation>梯度平方和的初始值（越大，最初几步越小）。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>RMSprop</source>
        <translation>RMSprop</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Divides each step by a running root-mean-square of recent gradients.</source>
        <translation>每一步都除以近期梯度的滑动均方根。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>α</source>
        <translation>α</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Decay rate of the running mean of squared gradients.</source>
        <translation>梯度平方滑动平均的衰减率。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>centered</source>
        <translation>中心化</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Divide by the gradient&apos;s estimated variance instead of its raw second moment.</source>
        <translation>除以梯度方差的估计值，而不是原始的二阶矩。</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Adam</source>
        <translation>Adam</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Momentum on the gradient, divided by a running root-mean-square, bias-corrected.</source>
        <translation>对梯度使用动量，再除以滑动均方根，并做偏差校正。</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>AdamW</source>
        <translation>AdamW</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Adam with weight decay applied to the parameters directly, not through the gradient.</source>
        <translation>权重衰减直接作用于参数、而不通过梯度的 Adam。</translation>
    </message>
    <message>
        <location filename="../../widgets/controls/optimizer_row.py" line="+59"/>
        <source>Run this optimizer: draw its path and plot its loss.</source>
        <translation>运行这个优化器：绘制它的路径和损失曲线。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Colour of this optimizer&apos;s path and loss curve.</source>
        <translation>这个优化器的路径和损失曲线的颜色。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>advanced</source>
        <translation>高级</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Show the rarely changed settings.</source>
        <translation>显示不常修改的设置。</translation>
    </message>
</context>
<context>
    <name>PlaybackBar</name>
    <message>
        <location filename="../../widgets/controls/playback_bar.py" line="+44"/>
        <source>Go back to step 0 (Home).</source>
        <translation>回到第 0 步（Home）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Move every run one step back (←).</source>
        <translation>所有运行后退一步（←）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Play or pause the runs (Space).</source>
        <translation>播放或暂停运行（Space）。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Move every run one step forward (→).</source>
        <translation>所有运行前进一步（→）。</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Drag to show every run at the chosen step.</source>
        <translation>拖动以显示所有运行在所选步的状态。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>The step shown and the number of steps computed.</source>
        <translation>当前显示的步和已计算的总步数。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source> steps/s</source>
        <translation> 步/秒</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>How many steps play advances per second.</source>
        <translation>播放时每秒前进多少步。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <location line="+77"/>
        <source>step {0} / {1}</source>
        <translation>第 {0} / {1} 步</translation>
    </message>
</context>
<context>
    <name>Race</name>
    <message>
        <location filename="../../app/window/race_controller.py" line="+103"/>
        <source>%1: stability limit lr &lt; %2 at the start %3 (λmax = %4)</source>
        <translation>%1：起点 %3 处的稳定上限 lr &lt; %2（λmax = %4）</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>%1: stability limit lr &lt; %2 at the nearest minimum %3 (λmax = %4)</source>
        <translation>%1：最近的极小值点 %3 处的稳定上限 lr &lt; %2（λmax = %4）</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>lr %1 is past the stability limit %2 at the start: expect it to blow up</source>
        <translation>lr %1 超过了起点处的稳定上限 %2：预计会发散</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>lr %1 is past the stability limit %2 at the nearest minimum: it cannot settle there</source>
        <translation>lr %1 超过了最近极小值点处的稳定上限 %2：它无法在那里停下来</translation>
    </message>
</context>
<context>
    <name>RacePanel</name>
    <message>
        <location filename="../../widgets/panels/race_panel.py" line="+61"/>
        <source>A run has arrived when its full loss is at most this value.</source>
        <translation>当一次运行的完整损失不超过这个值时，就算到达。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Steps to tolerance</source>
        <translation>到达容差的步数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Final loss</source>
        <translation>最终损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Distance to minimum</source>
        <translation>到极小值点的距离</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Diverged at step</source>
        <translation>发散于第几步</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>Click a column header to sort; the distance is to the nearest minimum found (— if none).</source>
        <translation>点击列标题排序；距离是到已找到的最近极小值点的距离（没有则为 —）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>Loss tolerance</source>
        <translation>损失容差</translation>
    </message>
</context>
<context>
    <name>RealModelController</name>
    <message>
        <location filename="../../app/real_model/controller.py" line="+79"/>
        <source>Press Train: the loss landscape and the paths appear here.</source>
        <translation>按“训练”后，损失地形和优化路径会显示在这里。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>torch.optim.{cls}({options})</source>
        <translation>torch.optim.{cls}({options})</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Tick at least one optimizer to train.</source>
        <translation>请至少勾选一个优化器来训练。</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>Cancelling…</source>
        <translation>正在取消…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>Computing the loss landscape…</source>
        <translation>正在计算损失地形…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>Reading the image files…</source>
        <translation>正在读取图像文件…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Training {name} ({index} of {count})…</source>
        <translation>正在训练 {name}（第 {index} 个，共 {count} 个）…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Loss landscape: {n}×{n} grid on {samples} images…</source>
        <translation>损失地形：在 {samples} 张图像上计算 {n}×{n} 的网格…</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>Loading cancelled: nothing changed.</source>
        <translation>已取消加载：没有任何改变。</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>Training cancelled: nothing changed.</source>
        <translation>训练已取消：没有任何改变。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>Landscape cancelled.</source>
        <translation>已取消损失地形的计算。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>The landscape was cancelled: press Train again.</source>
        <translation>损失地形的计算已取消：请再按一次“训练”。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Done. Press play (Space) to watch the optimizers descend.</source>
        <translation>完成。按播放（Space）观看优化器一路下降。</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Choose the MNIST folder</source>
        <translation>选择 MNIST 文件夹</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Choose the CIFAR-10 folder</source>
        <translation>选择 CIFAR-10 文件夹</translation>
    </message>
</context>
<context>
    <name>RealModelWindow</name>
    <message>
        <location filename="../../app/real_model/window.py" line="+39"/>
        <source>gdscope — a real model: image classification</source>
        <translation>gdscope — 真实模型：图像分类</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>Accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Test images</source>
        <translation>测试图像</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Use the built-in &amp;digits</source>
        <translation>使用内置的手写数字(&amp;D)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load &amp;MNIST folder…</source>
        <translation>加载 MNIST 文件夹(&amp;M)…</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load &amp;CIFAR-10 folder…</source>
        <translation>加载 CIFAR-10 文件夹(&amp;C)…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>&amp;Close window</source>
        <translation>关闭窗口(&amp;C)</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+1"/>
        <source>&amp;Train</source>
        <translation>训练(&amp;T)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>&amp;Cancel</source>
        <translation>取消(&amp;C)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>&amp;Reset camera</source>
        <translation>重置视角(&amp;R)</translation>
    </message>
</context>
<context>
    <name>Results</name>
    <message>
        <location filename="../../app/window/grid_tasks.py" line="+25"/>
        <location filename="../../app/window/run_views.py" line="+87"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location filename="../../app/window/run_views.py" line="-3"/>
        <source>the start point is outside the domain</source>
        <translation>起点在定义域之外</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>diverged at step %1</source>
        <translation>在第 %1 步发散</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>left the domain at step %1</source>
        <translation>在第 %1 步离开定义域</translation>
    </message>
</context>
<context>
    <name>SceneButtonsWidget</name>
    <message>
        <location filename="../../widgets/views/view_overlays.py" line="+116"/>
        <source>Reset the camera (R)</source>
        <translation>重置视角（R）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Reset the camera</source>
        <translation>重置视角</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>log</source>
        <translation>对数</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Logarithmic height: shows the detail of huge loss ranges</source>
        <translation>对数高度：损失跨度很大时也能看清细节</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Logarithmic height</source>
        <translation>对数高度</translation>
    </message>
</context>
<context>
    <name>ScheduleWidget</name>
    <message>
        <location filename="../../widgets/controls/schedule_controls.py" line="+38"/>
        <source>constant lr</source>
        <translation>固定 lr</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>A torch.optim.lr_scheduler; the lr slider sets its base lr.</source>
        <translation>一个 torch.optim.lr_scheduler；lr 滑块设定它的基础 lr。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>lr schedule</source>
        <translation>lr 调度</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>every step</source>
        <translation>每一步</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>every epoch</source>
        <translation>每个 epoch</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Call scheduler.step() after every optimizer step or epoch.</source>
        <translation>在每个优化器步或每个 epoch 之后调用 scheduler.step()。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>steps the schedule</source>
        <translation>调度步进</translation>
    </message>
    <message>
        <location line="+66"/>
        <source>torch&apos;s argument {name}</source>
        <translation>torch 的参数 {name}</translation>
    </message>
</context>
<context>
    <name>StatusPanel</name>
    <message>
        <location filename="../../widgets/panels/status_panel.py" line="+130"/>
        <source>Where every run is at the step shown (✕ = stopped); click a run to select it.</source>
        <translation>每次运行在当前步所处的位置（✕ = 已停止）；点击某次运行可选中它。</translation>
    </message>
</context>
<context>
    <name>StepByStep</name>
    <message>
        <location filename="../../app/window/step_by_step_controller.py" line="+52"/>
        <source>② Plain SGD keeps no memory: its direction is g itself, (%1).</source>
        <translation>② 普通 SGD 没有记忆：它的方向就是 g 本身，(%1)。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>② Nesterov looks ahead: g + μ·v = (%1); the dashed arrow points the opposite way.</source>
        <translation>② Nesterov 向前看一步：g + μ·v = (%1)；虚线箭头指向它的反方向。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>② Momentum: v ← μ·v + g = (%1); the dashed arrow is −v, the way SGD with momentum steps.</source>
        <translation>② 动量：v ← μ·v + g = (%1)；虚线箭头是 −v，即带动量的 SGD 前进的方向。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>② Adagrad divides g by the root of its running sum of g²: g/(√s + ε) = (%1) (dashed, reversed).</source>
        <translation>② Adagrad 用 g² 累加和的平方根去除 g：g/(√s + ε) = (%1)（虚线，反向）。</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>② RMSprop divides g by the root of its running mean of g²: direction (%1) (dashed, reversed).</source>
        <translation>② RMSprop 用 g² 滑动平均的平方根去除 g：方向 (%1)（虚线，反向）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>② Adam&apos;s moments: m̂ = (%1), v̂ = (%2); the dashed arrow is −m̂/(√v̂ + ε) = −(%3).</source>
        <translation>② Adam 的矩估计：m̂ = (%1)，v̂ = (%2)；虚线箭头是 −m̂/(√v̂ + ε) = −(%3)。</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>Move the play head forward: at step 0 no update has been taken yet.</source>
        <translation>请把播放头向前移动：第 0 步还没有进行任何更新。</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>① Gradient: at (%1) the gradient is g = (%2); the solid arrow points downhill, along −g.</source>
        <translation>① 梯度：在 (%1) 处梯度为 g = (%2)；实线箭头沿 −g 指向下坡方向。</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>③ The step: θ moves by (%1) from (%2) to (%3), −lr times that direction.</source>
        <translation>③ 这一步：θ 从 (%2) 移动 (%1) 到 (%3)，等于 −lr 乘以上面的方向。</translation>
    </message>
</context>
<context>
    <name>TrainingCurvesPanel</name>
    <message>
        <location filename="../../widgets/real_model/training_curves_panel.py" line="+50"/>
        <source>step</source>
        <translation>步</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>loss</source>
        <translation>损失</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epoch</source>
        <translation>epoch</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>accuracy</source>
        <translation>准确率</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Faint: the loss of each mini-batch. Bold: its moving average (EMA β). Dashed with dots: the validation loss after each epoch.</source>
        <translation>浅色线：每个小批量的损失。粗线：它的滑动平均（EMA β）。带点的虚线：每个 epoch 结束后的验证集损失。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Share of images classified correctly after each epoch (epoch 0: the initial weights).</source>
        <translation>每个 epoch 结束后被正确分类的图像所占的比例（epoch 0：初始权重）。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>— train   – – val   ··· test</source>
        <translation>— 训练集   – – 验证集   ··· 测试集</translation>
    </message>
</context>
<context>
    <name>TrainingPanel</name>
    <message>
        <location filename="../../widgets/real_model/training_panel.py" line="+80"/>
        <source>Train</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Train every ticked optimizer from the same initial weights, then draw the landscape.</source>
        <translation>从相同的初始权重出发，训练每个勾选的优化器，然后绘制损失地形。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Stop the training or the landscape being computed.</source>
        <translation>停止训练，或停止正在计算的损失地形。</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>Progress of the training or of the landscape.</source>
        <translation>训练或损失地形计算的进度。</translation>
    </message>
    <message>
        <location line="+47"/>
        <source>Data</source>
        <translation>数据</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The images the model learns from, split 70/15/15.</source>
        <translation>模型学习用的图像，按 70/15/15 划分为训练集/验证集/测试集。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Digits (built in)</source>
        <translation>手写数字（内置）</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>scikit-learn&apos;s 1,797 digits of 8×8 pixels (built in).</source>
        <translation>scikit-learn 自带的 1797 张 8×8 像素的手写数字（内置）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Load MNIST folder…</source>
        <translation>加载 MNIST 文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A folder with MNIST&apos;s IDX files (as torchvision downloads them): 28×28 digits.</source>
        <translation>包含 MNIST 的 IDX 文件的文件夹（torchvision 下载的格式）：28×28 手写数字。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Load CIFAR-10 folder…</source>
        <translation>加载 CIFAR-10 文件夹…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>A folder with CIFAR-10&apos;s binary batches: 32×32 colour photos of 10 kinds of things.</source>
        <translation>包含 CIFAR-10 二进制批文件的文件夹：10 类物体的 32×32 彩色照片。</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>Softmax regression</source>
        <translation>Softmax 回归</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>MLP (64, 32 hidden)</source>
        <translation>MLP（隐藏层 64、32）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Softmax regression: one nn.Linear from the pixels to 10 scores. MLP: two hidden layers of 64 and 32 ReLU units before the 10 scores.</source>
        <translation>Softmax 回归：一个 nn.Linear，从像素直接得到 10 个得分。MLP：在输出 10 个得分之前，先经过 64 和 32 个 ReLU 单元的两个隐藏层。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Weights and biases the optimizer adjusts.</source>
        <translation>优化器要调整的权重和偏置。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Optimizers</source>
        <translation>优化器</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>Training</source>
        <translation>训练</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>Learning rate of every optimizer (log scale).</source>
        <translation>所有优化器的学习率（对数刻度）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Images per gradient step (DataLoader).</source>
        <translation>每个梯度步使用的图像数（DataLoader）。</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Passes over the training images.</source>
        <translation>遍历训练图像的次数。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Seed of the initial weights, the split, the batches and the directions.</source>
        <translation>初始权重、数据划分、批次和方向所用的随机种子。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>learning rate</source>
        <translation>学习率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>batch size</source>
        <translation>批大小</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>epochs</source>
        <translation>epoch 数</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>seed</source>
        <translation>随机种子</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Curves and landscape</source>
        <translation>曲线与损失地形</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>Smoothing of the bold loss curves: higher β averages more steps.</source>
        <translation>粗线损失曲线的平滑程度：β 越大，参与平均的步数越多。</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>Grid points per axis of the landscape (n × n model evaluations).</source>
        <translation>损失地形每个坐标轴上的网格点数（需要计算 n × n 次模型）。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>PCA of the paths</source>
        <translation>路径的 PCA</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>random (filter-normalized)</source>
        <translation>随机（滤波器归一化）</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The plane through the final weights: the two directions the paths moved along most, or two random ones scaled like the weights (Li et al. 2018).</source>
        <translation>经过最终权重的平面：取路径移动最多的两个方向，或者两个按权重缩放的随机方向（Li 等，2018）。</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>Training images the landscape&apos;s loss is averaged over.</source>
        <translation>计算损失地形时，对多少张训练图像的损失取平均。</translation>
    </message>
    <message>
        <location line="+3"/>
        <source> images</source>
        <translation> 张图像</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>EMA β</source>
        <translation>EMA β</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>resolution</source>
        <translation>分辨率</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>directions</source>
        <translation>方向</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>loss over</source>
        <translation>损失基于</translation>
    </message>
    <message>
        <location line="+44"/>
        <source>{count} parameters</source>
        <translation>{count} 个参数</translation>
    </message>
</context>
<context>
    <name>VisdomDialog</name>
    <message>
        <location filename="../../app/window/dashboard_dialogs.py" line="-39"/>
        <source>Stream to Visdom</source>
        <translation>推送到 Visdom</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>The Visdom server, e.g. http://localhost (start one: python -m visdom.server)</source>
        <translation>Visdom 服务器，例如 http://localhost（启动方法：python -m visdom.server）</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>The Visdom environment the windows go to</source>
        <translation>窗口所在的 Visdom 环境</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>Server</source>
        <translation>服务器</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Port</source>
        <translation>端口</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Environment</source>
        <translation>环境</translation>
    </message>
</context>
<context>
    <name>_TileWidget</name>
    <message>
        <location filename="../../widgets/real_model/image_grid_panel.py" line="-80"/>
        <source>true: {truth}</source>
        <translation>真实：{truth}</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>guessed: {predicted}
true: {truth}</source>
        <translation>预测：{predicted}
真实：{truth}</translation>
    </message>
</context>
</TS>
